namespace PortOne.Json
{
    /// <summary>
    /// Checks what the rest of the module relies on in a parsed answer: every payment is an object with an imp_uid.
    /// A payment without one cannot be told apart from the next (repeats are dropped by imp_uid), so it is an error
    /// naming the request and where in the answer it is, never a silent drop or a NullReferenceException later.
    /// </summary>
    internal static class PaymentValidator
    {
        /// <summary>Checks a page's payments or a single payment; other answers pass.</summary>
        public static void Validate<T>(T response, string request)
        {
            switch (response)
            {
                case PaymentPage page when page.List != null:
                    for (int i = 0; i < page.List.Count; i++) Check(page.List[i], i, request);
                    break;
                case PaymentAnnotation payment:
                    Check(payment, -1, request);
                    break;
            }
        }

        /// <summary>Checks the payment at <paramref name="index"/> of a page's list (-1: the answer's only payment).</summary>
        private static void Check(PaymentAnnotation? payment, int index, string request)
        {
            if (payment != null && !string.IsNullOrEmpty(payment.ImpUid)) return;
            string path = index < 0 ? "$.response" : $"$.response.list[{index}]"; // made only for the error: this runs for every payment
            if (payment == null) throw Invalid(request, $"{path} is null, not a payment");
            string order = string.IsNullOrEmpty(payment.MerchantUid) ? "" : $" (merchant_uid {payment.MerchantUid})";
            throw Invalid(request, $"the payment at {path}{order} has {(payment.ImpUid == null ? "\"imp_uid\": null" : "no imp_uid")}");
        }

        private static PortOneException Invalid(string request, string what) =>
            new PortOneException(PortOneErrorKind.InvalidResponse, $"PortOne's answer to {request} is unusable: {what}.")
            {
                RequestPath = request,
                HttpStatus = 200,
            };
    }
}
