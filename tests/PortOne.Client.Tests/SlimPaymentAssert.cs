using System.Linq;
using Xunit;

namespace PortOne.Client.Tests
{
    /// <summary>What a read for a CSV file keeps of a payment beside its row (the slim payment): the same in both.</summary>
    internal static class SlimPaymentAssert
    {
        public static void Same(PaymentAnnotation expected, PaymentAnnotation actual)
        {
            Assert.Equal(expected.ImpUid, actual.ImpUid);
            Assert.Equal(expected.MerchantUid, actual.MerchantUid);
            Assert.Equal(expected.Status, actual.Status);
            Assert.Equal(expected.StartedAt, actual.StartedAt);
            Assert.Equal(expected.PaidAt, actual.PaidAt);
            Assert.Equal(expected.FailedAt, actual.FailedAt);
            Assert.Equal(expected.CancelledAt, actual.CancelledAt);
            Assert.Equal(expected.CancelHistory.Select(c => (c.Amount, c.CancelledAt)), actual.CancelHistory.Select(c => (c.Amount, c.CancelledAt)));
        }
    }
}
