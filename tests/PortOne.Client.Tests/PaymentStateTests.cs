using System;
using PortOne.Checkpoints;
using Xunit;

namespace PortOne.Client.Tests
{
    /// <summary>A payment state as a resumable read remembers it: which time is a status's own, and what makes two equal.</summary>
    public sealed class PaymentStateTests
    {
        private static DateTimeOffset? At(long unix) => unix == 0 ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeSeconds(unix);

        private static PaymentAnnotation Payment(string status, long started = 100, long paid = 200, long cancelled = 300, long failed = 400, params long[] refunds)
        {
            var p = new PaymentAnnotation { ImpUid = "imp_1", Status = status, StartedAt = At(started), PaidAt = At(paid), CancelledAt = At(cancelled), FailedAt = At(failed) };
            foreach (long r in refunds) p.CancelHistory.Add(new PaymentCancelAnnotation { CancelledAt = At(r) });
            return p;
        }

        [Theory]
        [InlineData("ready", 100)]
        [InlineData("paid", 200)]
        [InlineData("cancelled", 300)]
        [InlineData("failed", 400)]
        [InlineData("PAID", 200)]
        public void A_status_takes_its_own_time(string status, long expected)
        {
            PaymentState state = PaymentState.Of(Payment(status, started: 100, paid: 200, cancelled: 300, failed: 400));
            Assert.Equal(expected, state.At);
            Assert.Equal(status.ToLowerInvariant(), state.Status);
            Assert.Equal("imp_1", state.ImpUid);
        }

        [Theory]
        [InlineData(100, 200, 300, 400, 400)]
        [InlineData(100, 900, 300, 400, 900)]
        [InlineData(100, 200, 950, 400, 950)]
        [InlineData(990, 200, 300, 400, 990)]
        [InlineData(100, 0, 0, 0, 100)]
        public void A_status_PortOne_adds_later_takes_the_latest_of_the_four_times(long started, long paid, long cancelled, long failed, long expected)
        {
            Assert.Equal(expected, PaymentState.Of(Payment("partial_failed", started, paid, cancelled, failed)).At);
        }

        [Fact]
        public void A_time_the_API_leaves_out_is_zero()
        {
            Assert.Equal(0, PaymentState.Of(Payment("paid", paid: 0)).At);
        }

        [Fact]
        public void The_latest_refund_is_the_largest_cancel_time_not_the_last_listed()
        {
            Assert.Equal(0, PaymentState.LatestRefund(Payment("paid")));
            Assert.Equal(700, PaymentState.LatestRefund(Payment("paid", refunds: new long[] { 500, 700, 600 })));
            Assert.Equal(600, PaymentState.LatestRefund(Payment("paid", refunds: new long[] { 600, 0 })));
            PaymentState state = PaymentState.Of(Payment("paid", refunds: new long[] { 500, 700, 600 }));
            Assert.Equal(700, state.RefundedAt);
        }

        [Fact]
        public void Its_time_is_the_later_of_the_status_time_and_the_latest_refund()
        {
            Assert.Equal(700, new PaymentState("imp_1", "paid", 200, 700).Time);
            Assert.Equal(200, new PaymentState("imp_1", "paid", 200, 0).Time);
            Assert.Equal(900, new PaymentState("imp_1", "cancelled", 900, 700).Time);
        }

        [Fact]
        public void Two_states_are_equal_only_when_all_four_parts_are()
        {
            var a = new PaymentState("imp_1", "paid", 200, 700);
            Assert.True(a.Equals(new PaymentState("imp_1", "paid", 200, 700)));
            Assert.True(a.Equals((object)new PaymentState("imp_1", "paid", 200, 700)));
            Assert.Equal(a.GetHashCode(), new PaymentState("imp_1", "paid", 200, 700).GetHashCode());
            Assert.False(a.Equals(new PaymentState("imp_2", "paid", 200, 700)));
            Assert.False(a.Equals(new PaymentState("IMP_1", "paid", 200, 700)));
            Assert.False(a.Equals(new PaymentState("imp_1", "cancelled", 200, 700)));
            Assert.False(a.Equals(new PaymentState("imp_1", "Paid", 200, 700)));
            Assert.False(a.Equals(new PaymentState("imp_1", "paid", 201, 700)));
            Assert.False(a.Equals(new PaymentState("imp_1", "paid", 200, 701)));
            Assert.False(a.Equals((object)"imp_1 paid 200 700"));
            Assert.False(a.Equals(null));
        }

        [Fact]
        public void Different_states_spread_over_hash_codes()
        {
            // Each part feeds the hash: states that differ in one part only do not all collide.
            var a = new PaymentState("imp_1", "paid", 200, 700);
            Assert.NotEqual(a.GetHashCode(), new PaymentState("imp_2", "paid", 200, 700).GetHashCode());
            Assert.NotEqual(a.GetHashCode(), new PaymentState("imp_1", "ready", 200, 700).GetHashCode());
            Assert.NotEqual(a.GetHashCode(), new PaymentState("imp_1", "paid", 201, 700).GetHashCode());
            Assert.NotEqual(a.GetHashCode(), new PaymentState("imp_1", "paid", 200, 701).GetHashCode());
            Assert.NotEqual(new PaymentState("imp_1", "paid", 1, 2).GetHashCode(), new PaymentState("imp_1", "paid", 2, 1).GetHashCode());
            Assert.Equal(new PaymentState(null!, null!, 0, 0).GetHashCode(), new PaymentState(null!, null!, 0, 0).GetHashCode());
        }

        [Fact]
        public void It_prints_as_the_checkpoint_lists_it()
        {
            Assert.Equal("imp_1 paid 200 700", new PaymentState("imp_1", "paid", 200, 700).ToString());
        }
    }
}
