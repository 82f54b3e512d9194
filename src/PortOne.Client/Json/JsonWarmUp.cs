using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace PortOne.Json
{
    /// <summary>
    /// The first payment a process parses costs ~50 ms of one-time work (serializer metadata, JIT). A new client
    /// starts that work on a background thread, where it overlaps the token request instead of delaying the first
    /// payment. Once per process; a failure here only means the first real parse pays the cost itself.
    /// </summary>
    internal static class JsonWarmUp
    {
        // One payment with every kind of value the reader meets: strings, money, loose integers, times, lists, an unknown field.
        internal static readonly byte[] SamplePage = Encoding.UTF8.GetBytes(
            "{\"code\":0,\"message\":null,\"response\":{\"total\":1,\"previous\":0,\"next\":0,\"list\":[{" +
            "\"imp_uid\":\"imp_000000000000\",\"merchant_uid\":\"warm-up\",\"amount\":14.2,\"cancel_amount\":0,\"currency\":\"USD\"," +
            "\"status\":\"paid\",\"sandbox\":false,\"escrow\":false,\"card_type\":null,\"card_quota\":0,\"started_at\":1700000000," +
            "\"paid_at\":1700000001,\"failed_at\":0,\"cancelled_at\":0,\"custom_data\":\"{}\",\"cancel_receipt_urls\":[\"u\"]," +
            "\"cancel_history\":[{\"pg_tid\":\"t\",\"amount\":1,\"cancelled_at\":1700000002,\"reason\":\"r\"," +
            "\"cancellation_id\":\"c\",\"receipt_url\":null}]," +
            "\"deposit_history\":[],\"promotion\":null,\"added_later\":1}]}}");

        private static int _started;

        public static void Start()
        {
            if (Interlocked.Exchange(ref _started, 1) != 0) return;
            Task.Run(() =>
            {
                try
                {
                    JsonSerializer.Deserialize(SamplePage, PortOneJsonContext.Default.ApiEnvelopePaymentPage);
                }
                catch (JsonException)
                {
                    // Only a missed optimisation.
                }
            });
        }
    }
}
