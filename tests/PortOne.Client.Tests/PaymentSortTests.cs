using System;
using System.Linq;
using System.Threading;
using Xunit;

namespace PortOne.Client.Tests
{
    public class PaymentSortTests
    {
        [Theory]
        [InlineData("-paid", PaymentSort.PaidDescending)]
        [InlineData("started", PaymentSort.StartedAscending)]
        [InlineData(" -UPDATED ", PaymentSort.UpdatedDescending)]
        [InlineData("paidascending", PaymentSort.PaidAscending)]
        [InlineData("UpdatedAscending", PaymentSort.UpdatedAscending)]
        public void Reads_the_api_spellings_and_the_readable_names_in_any_case(string text, PaymentSort expected)
        {
            Assert.True(PaymentSortNames.TryParse(text, out PaymentSort sort));
            Assert.Equal(expected, sort);
        }

        [Theory]
        [InlineData("newest")]
        [InlineData("--paid")]
        [InlineData("")]
        [InlineData(null)]
        public void Refuses_anything_else(string? text) => Assert.False(PaymentSortNames.TryParse(text, out _));

        [Theory]
        [InlineData(PaymentStatus.All, "-started")]
        [InlineData(PaymentStatus.Ready, "-started")]
        [InlineData(PaymentStatus.Paid, "-paid")]
        [InlineData(PaymentStatus.Cancelled, "-updated")]
        [InlineData(PaymentStatus.Failed, "-updated")]
        public void A_query_without_a_sort_is_ordered_by_its_status_default(PaymentStatus status, string expected) =>
            Assert.Equal(expected, new PaymentQuery { Status = status }.EffectiveSort.ToApiString());

        [Theory]
        [InlineData(PaymentStatus.Ready, false, "started")]
        [InlineData(PaymentStatus.Paid, true, "-paid")]
        [InlineData(PaymentStatus.Cancelled, true, "-updated")]
        [InlineData(PaymentStatus.Failed, false, "updated")]
        [InlineData(PaymentStatus.All, true, "-updated")]
        public void Requests_use_the_api_sort_closest_to_the_status_time(PaymentStatus status, bool descending, string expected)
        {
            Assert.Equal(expected, PortOne.Paging.StatusTime.RequestSort(status, descending).ToApiString());
            Assert.Equal(status == PaymentStatus.Ready || status == PaymentStatus.Paid, PortOne.Paging.StatusTime.HasExactSort(status));
        }

        [Fact]
        public void A_given_sort_wins_over_the_status_default()
        {
            var query = new PaymentQuery { Status = PaymentStatus.Paid, Sort = PaymentSort.UpdatedAscending };
            Assert.Equal(PaymentSort.UpdatedAscending, query.EffectiveSort);
            Assert.Equal(PaymentSort.PaidDescending, new PaymentQuery { Status = PaymentStatus.Paid }.EffectiveSort);
        }
    }
}
