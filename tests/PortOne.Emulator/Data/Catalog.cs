using System.Text.Json;
using static PortOne.Emulator.Json.JsonText;

namespace PortOne.Emulator.Data;

/// <summary>How a PG numbers its transactions (pg_tid); formats imitate what each PG really returns.</summary>
internal enum TidStyle : byte { Inicis, Digits14, NiceMid, Tviva, KakaoT, DateDigits, Uuid, PayPal, Hex20 }

/// <summary>Which pay methods a PG offers.</summary>
internal enum PgKind : byte { General, EasyPay, TossPay, Phone, Settle, PayPal, Eximbay }

/// <summary>How a PG masks card numbers.</summary>
internal enum MaskStyle : byte { Middle6, Middle4, LastHidden }

internal sealed record PgProfile(
    string Provider,
    string PgId,
    int Weight,
    PgKind Kind,
    TidStyle Tid,
    MaskStyle Mask,
    bool Usd,
    bool IssuerCodes,
    bool CardTypeNull,
    bool VbankHolderNull,
    string? ReceiptPrefix,
    string ReceiptSuffix = "")
{
    public JsonEncodedText ProviderJson { get; } = E(Provider);
    public JsonEncodedText PgIdJson { get; } = E(PgId);
    public byte[] PgIdUtf8 { get; } = System.Text.Encoding.ASCII.GetBytes(PgId);
}

internal sealed record Card(string Code, string Name, string Bin1, string Bin2)
{
    public JsonEncodedText CodeJson { get; } = E(Code);
    public JsonEncodedText NameJson { get; } = E(Name);
}

internal sealed record Bank(string Code, string Name)
{
    public JsonEncodedText CodeJson { get; } = E(Code);
    public JsonEncodedText NameJson { get; } = E(Name);
}

internal sealed record Product(string Name, int PriceKrw)
{
    public JsonEncodedText NameJson { get; } = E(Name);
}

/// <summary>
/// Fixed reference tables. Every repeated string lives here once, already JSON-encoded, and payments point at
/// it with a small index: this is what keeps 1,000,000 payments well under the memory budget.
/// </summary>
internal static class Catalog
{
    // Pay methods. Index 0 is unused so that 0 can mean "unset" in debugging.
    public const byte Card = 1, Trans = 2, Vbank = 3, Phone = 4, Point = 5, Samsung = 6, Cultureland = 7,
        Booknlife = 8, Smartculture = 9, PayPalMethod = 10;

    public static readonly JsonEncodedText[] PayMethods =
    [
        E("card"), E("card"), E("trans"), E("vbank"), E("phone"), E("point"), E("samsung"), E("cultureland"),
        E("booknlife"), E("smartculture"), E("paypal"),
    ];

    public const byte Pc = 0, Mobile = 1, Api = 2;
    public static readonly JsonEncodedText[] Channels = [E("pc"), E("mobile"), E("api")];

    public static readonly JsonEncodedText[] Currencies = [E("KRW"), E("USD")];
    public const byte Krw = 0, Usd = 1;

    /// <summary>Statuses are the five known values; only these four ever appear on a payment.</summary>
    public static readonly JsonEncodedText[] Statuses = [E("ready"), E("paid"), E("cancelled"), E("failed")];

    public static readonly JsonEncodedText[] BillingUsages = [default, E("issue"), E("payment"), E("payment.scheduled")];

    // Values PortOne does not document (yet): clients must pass them through, never crash on them.
    public static readonly JsonEncodedText UnknownPayMethod = E("crypto");
    public static readonly JsonEncodedText UnknownChannel = E("kiosk");
    public static readonly JsonEncodedText UnknownPgProvider = E("newpg");
    public static readonly JsonEncodedText UnknownBillingUsage = E("payment.instant");

    public static readonly PgProfile[] Pgs =
    [
        new("html5_inicis", "INIpayTest", 20, PgKind.General, TidStyle.Inicis, MaskStyle.Middle6, false, false, false, false,
            "https://iniweb.inicis.com/DefaultWebApp/mall/cr/cm/mCmReceipt_head.jsp?noTid=", "&noMethod=1"),
        new("kcp", "A52Q7", 15, PgKind.General, TidStyle.Digits14, MaskStyle.LastHidden, false, false, false, false,
            "https://admin8.kcp.co.kr/assist/bill.BillActionNew.do?cmd=card_bill&tno="),
        new("tosspayments", "tportone01", 15, PgKind.General, TidStyle.Tviva, MaskStyle.Middle4, false, true, false, true,
            "https://dashboard.tosspayments.com/receipt/redirection?transactionId=", "&ref=PX"),
        new("nice", "nictest04m", 7, PgKind.General, TidStyle.NiceMid, MaskStyle.Middle6, false, false, false, false,
            "https://npg.nicepay.co.kr/issue/IssueLoader.do?TID=", "&type=0"),
        new("nice_v2", "R2_8bad4063b", 4, PgKind.General, TidStyle.NiceMid, MaskStyle.Middle6, false, true, false, false,
            "https://npg.nicepay.co.kr/issue/IssueLoader.do?TID=", "&type=0"),
        new("kakaopay", "CA12KPORT1", 10, PgKind.EasyPay, TidStyle.KakaoT, MaskStyle.Middle6, false, false, true, false,
            "https://mockup-pg-web.kakao.com/v1/confirmation/p/"),
        new("naverpay", "np_portone01", 8, PgKind.EasyPay, TidStyle.DateDigits, MaskStyle.Middle4, false, false, true, false,
            "https://m.pay.naver.com/o/receipt/hist/"),
        new("payco", "PORTONE_PAYCO", 3, PgKind.EasyPay, TidStyle.DateDigits, MaskStyle.Middle6, false, false, false, false,
            "https://bill.payco.com/outseller/receipt/"),
        new("tosspay", "tosspay_portone", 2, PgKind.TossPay, TidStyle.Uuid, MaskStyle.Middle4, false, true, false, false,
            "https://pay.toss.im/payfront/web/external/sales-check?payToken=", "&transactionId=0"),
        new("ksnet", "2999199999", 3, PgKind.General, TidStyle.Hex20, MaskStyle.Middle6, false, true, false, false,
            "https://pgims.ksnet.co.kr/pg_infoc/src/bill/credit_view.jsp?tr_no="),
        new("smartro_v2", "t_2311071m", 2, PgKind.General, TidStyle.NiceMid, MaskStyle.Middle6, false, true, false, false,
            "https://tpay.smartropay.co.kr/pay/receipt.do?tid="),
        new("kicc", "T5102001", 2, PgKind.General, TidStyle.DateDigits, MaskStyle.Middle6, false, false, false, false,
            "https://pgweb.easypay.co.kr/receipt/CardReceipt.jsp?controlNo="),
        new("daou", "CTS16826", 1, PgKind.General, TidStyle.DateDigits, MaskStyle.Middle6, false, false, false, false, null),
        new("welcome", "welcometst", 1, PgKind.General, TidStyle.DateDigits, MaskStyle.Middle6, false, true, false, false,
            "https://pay.welcomepayments.co.kr/receipt/card?tid="),
        new("danal", "9810030929", 3, PgKind.Phone, TidStyle.DateDigits, MaskStyle.Middle6, false, false, true, false,
            "https://www.danalpay.com/receipt/phone/viewReceipt.aspx?dataType=receipt&tid="),
        new("settle", "nxca_jt_il", 1, PgKind.Settle, TidStyle.DateDigits, MaskStyle.Middle6, false, false, true, false, null),
        new("paypal_v2", "portone-paypal-merchant", 2, PgKind.PayPal, TidStyle.PayPal, MaskStyle.Middle6, true, false, true, false, null),
        new("eximbay", "1849705C64", 1, PgKind.Eximbay, TidStyle.Hex20, MaskStyle.Middle6, true, false, true, false,
            "https://secureapi.eximbay.com/Gateway/BasicProcessor/2.x/receipt.html?transaction_id="),
    ];

    public static readonly int[] PgCumulativeWeights = Cumulative(Pgs);

    /// <summary>Easy-pay brands embedded in a hub PG (emb_pg_provider); index 0 unused.</summary>
    public static readonly JsonEncodedText[] EmbPgs =
    [
        default, E("kakaopay"), E("naverpay"), E("payco"), E("samsung"), E("tosspay"), E("lpay"), E("ssgpay"), E("applepay"),
    ];

    /// <summary>Card companies with their 금융결제원 codes and two BINs each; index 0 unused.</summary>
    public static readonly Card[] Cards =
    [
        new("", "", "", ""),
        new("366", "신한카드", "451842", "942150"),
        new("381", "KB국민카드", "457973", "559410"),
        new("365", "삼성카드", "536181", "949013"),
        new("367", "현대카드", "433290", "949094"),
        new("361", "BC카드", "910020", "943150"),
        new("368", "롯데카드", "467309", "540926"),
        new("371", "NH농협카드", "546252", "944541"),
        new("374", "하나카드", "461954", "532092"),
        new("041", "우리카드", "515594", "942090"),
        new("370", "씨티카드", "404825", "540447"),
        new("071", "우체국카드", "559463", "944917"),
        new("369", "수협카드", "949094", "559487"),
        new("372", "전북카드", "949013", "524353"),
        new("373", "제주카드", "949098", "545258"),
        new("364", "광주카드", "949081", "540928"),
    ];

    /// <summary>Weights of the cards above, roughly their market share.</summary>
    public static readonly int[] CardCumulativeWeights = CumulativeOf([0, 20, 18, 16, 14, 10, 8, 6, 6, 5, 2, 1, 1, 1, 1, 1]);

    /// <summary>Banks (금융결제원 standard codes); index 0 unused.</summary>
    public static readonly Bank[] Banks =
    [
        new("", ""),
        new("004", "KB국민은행"),
        new("088", "신한은행"),
        new("020", "우리은행"),
        new("081", "하나은행"),
        new("011", "NH농협은행"),
        new("003", "IBK기업은행"),
        new("090", "카카오뱅크"),
        new("092", "토스뱅크"),
        new("089", "케이뱅크"),
        new("023", "SC제일은행"),
        new("031", "대구은행"),
        new("032", "부산은행"),
        new("071", "우체국"),
    ];

    public static readonly JsonEncodedText[] VbankHolders = [E("(주)포트원샵"), E("포트원마켓"), E("주식회사 코리아포트원")];

    public static readonly Product[] Products =
    [
        new("유기농 제주 감귤 5kg", 29_900), new("무선 블루투스 이어폰", 89_000), new("프리미엄 멤버십 1개월", 9_900),
        new("프리미엄 멤버십 12개월", 99_000), new("아메리카노 (ICED)", 4_500), new("수제 딸기잼 세트", 18_500),
        new("남성 캐주얼 셔츠", 39_800), new("여성 니트 가디건", 49_000), new("스테인리스 텀블러 500ml", 23_000),
        new("한우 1++ 등심 500g", 89_000), new("무농약 현미 10kg", 42_000), new("어린이 학습 태블릿", 199_000),
        new("캠핑용 접이식 의자", 35_900), new("노트북 거치대", 27_000), new("기계식 키보드 (적축)", 129_000),
        new("전자책 단행본", 12_600), new("온라인 강의 수강권", 150_000), new("헬스장 3개월 이용권", 180_000),
        new("반려견 사료 6kg", 54_000), new("고양이 모래 10L", 15_900), new("화장품 기초 3종 세트", 67_000),
        new("선크림 SPF50+", 19_800), new("운동화 (화이트)", 109_000), new("요가 매트", 32_000), new("전기 포트", 29_000),
        new("공기청정기 필터", 38_000), new("LED 스탠드", 45_000), new("콘서트 티켓 R석", 154_000), new("영화 관람권 2매", 28_000),
        new("꽃다발 배송", 55_000), new("생일 케이크 (2호)", 36_000), new("김장 김치 5kg", 48_000), new("홍삼 정 세트", 120_000),
        new("정기 배송 생수 2L x 12", 9_600), new("세탁 세제 리필", 13_900), new("유아용 기저귀 대형", 32_900),
        new("게임 아이템 패키지", 33_000), new("웹툰 코인 100개", 10_000), new("클라우드 저장공간 1TB", 13_200),
        new("택배 착불 배송비", 3_000), new("도서 '파이썬 입문'", 27_000), new("캡슐 커피 50개입", 39_000),
        new("Premium Plan (1 month)", 12_000), new("Global Shipping Fee", 25_000), new("K-Beauty Gift Box", 65_000),
    ];

    /// <summary>Product names with a " 외 N건" cart suffix, prebuilt so the hot path never concatenates.</summary>
    public static readonly JsonEncodedText[] ProductNames = BuildProductNames();
    public const int CartSuffixes = 4; // "", " 외 1건", " 외 2건", " 외 3건"

    public static readonly JsonEncodedText[] FailReasons =
    [
        E("사용자가 결제를 취소하셨습니다"), E("[1106] 잔액이 부족합니다."), E("카드 한도초과"),
        E("[PAY_PROCESS_CANCELED] 사용자에 의해 결제가 취소되었습니다."), E("유효하지 않은 카드번호입니다."),
        E("본인인증에 실패하였습니다."), E("[CB71] 할부개월수 오류"), E("가상계좌 발급에 실패하였습니다."),
        E("[REJECT_CARD_COMPANY] 결제 승인이 거절되었습니다."), E("결제 시간이 초과되었습니다."),
    ];

    public static readonly JsonEncodedText[] CancelReasons =
    [
        E("고객 요청에 의한 취소"), E("단순 변심"), E("상품 품절"), E("배송 지연으로 인한 환불"), E("주문 실수"),
        E("부분 환불 - 상품 일부 누락"), E("중복 결제 취소"), E("테스트 결제 취소"), E("사이즈 교환 불가로 환불"),
        E("쿠폰 적용 누락 차액 환불"),
    ];

    public static readonly JsonEncodedText[] UserAgents =
    [
        // pc
        E("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"),
        E("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15"),
        E("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0"),
        E("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Whale/3.26.244.21 Safari/537.36"),
        // mobile
        E("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"),
        E("Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36"),
        E("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 KAKAOTALK 10.6.5"),
        E("Mozilla/5.0 (Linux; Android 13; SM-A536N) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36 NAVER(inapp; search; 2000; 12.5.3)"),
        // api: what PortOne reports when no browser was involved
        E("sorry, not detected"),
    ];
    public const int PcAgents = 4, MobileAgents = 4, ApiAgent = 8;

    public static readonly string[] Surnames =
    [
        "김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황", "안", "송", "류", "전",
        "홍", "고", "문", "양", "손", "배", "백", "허", "유", "남",
    ];

    public static readonly string[] GivenNames =
    [
        "민준", "서연", "도윤", "서윤", "예준", "지우", "시우", "하윤", "주원", "지유", "하준", "서현", "지호", "민서", "준서",
        "하은", "준우", "윤서", "현우", "지민", "도현", "채원", "지훈", "수아", "건우", "지아", "우진", "다은", "선우", "예은",
        "영수", "영희", "철수", "미숙", "정훈", "은지", "성민", "혜진", "상훈", "지영", "동현", "수빈", "태현", "유진", "재원",
        "소연", "경민", "나연", "승우", "가은",
    ];

    public static readonly string[] LatinNames =
    [
        "John Smith", "Emily Johnson", "Michael Brown", "Sarah Davis", "David Wilson", "Yuki Tanaka", "Wei Zhang", "Anna Müller",
    ];

    public static readonly (string Province, string City, string[] Roads, int PostBase)[] Districts =
    [
        ("서울특별시", "강남구", ["테헤란로", "역삼로", "논현로", "선릉로", "도산대로"], 6000),
        ("서울특별시", "마포구", ["월드컵북로", "양화로", "독막로", "와우산로"], 3900),
        ("서울특별시", "송파구", ["올림픽로", "송파대로", "백제고분로"], 5500),
        ("서울특별시", "종로구", ["세종대로", "종로", "율곡로"], 3000),
        ("서울특별시", "영등포구", ["여의대로", "국제금융로", "당산로"], 7200),
        ("경기도", "성남시 분당구", ["판교역로", "불정로", "정자일로", "황새울로"], 13400),
        ("경기도", "수원시 영통구", ["광교중앙로", "영통로", "매영로"], 16500),
        ("경기도", "고양시 일산동구", ["중앙로", "정발산로", "강송로"], 10400),
        ("부산광역시", "해운대구", ["해운대로", "센텀중앙로", "달맞이길"], 48000),
        ("인천광역시", "연수구", ["송도과학로", "컨벤시아대로", "청학로"], 21900),
        ("대구광역시", "수성구", ["달구벌대로", "동대구로", "들안로"], 42000),
        ("대전광역시", "유성구", ["대학로", "엑스포로", "계룡로"], 34100),
        ("광주광역시", "서구", ["상무중앙로", "시청로"], 61900),
        ("울산광역시", "남구", ["삼산로", "번영로"], 44600),
        ("제주특별자치도", "제주시", ["노형로", "연동로", "중앙로"], 63100),
    ];

    public static readonly string[] EmailWords =
    [
        "happy", "sky", "blue", "minji", "jisoo", "hyun", "sunny", "moon", "star", "coffee", "ocean", "river", "tiger", "kimchi",
        "seoul", "busan", "dream", "lucky", "mango", "peach",
    ];

    public static readonly string[] EmailDomains =
        ["naver.com", "naver.com", "gmail.com", "gmail.com", "daum.net", "kakao.com", "hanmail.net", "nate.com", "icloud.com"];

    private static JsonEncodedText[] BuildProductNames()
    {
        var names = new JsonEncodedText[Products.Length * CartSuffixes];
        for (int i = 0; i < Products.Length; i++)
        {
            names[i * CartSuffixes] = Products[i].NameJson;
            for (int k = 1; k < CartSuffixes; k++)
                names[i * CartSuffixes + k] = E($"{Products[i].Name} 외 {k}건");
        }
        return names;
    }

    private static int[] Cumulative(PgProfile[] pgs)
    {
        var w = new int[pgs.Length];
        for (int i = 0; i < pgs.Length; i++) w[i] = pgs[i].Weight;
        return CumulativeOf(w);
    }

    private static int[] CumulativeOf(int[] weights)
    {
        var c = new int[weights.Length];
        int sum = 0;
        for (int i = 0; i < weights.Length; i++) c[i] = sum += weights[i];
        return c;
    }

    /// <summary>Index drawn in proportion to the weights behind <paramref name="cumulative"/>.</summary>
    public static int Pick(System.Random rng, int[] cumulative)
    {
        int x = rng.Next(cumulative[^1]);
        int i = 0;
        while (cumulative[i] <= x) i++;
        return i;
    }
}
