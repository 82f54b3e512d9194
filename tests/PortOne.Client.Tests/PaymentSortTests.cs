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
        public void A_query_without_a_sort_sends_its_status_default(PaymentStatus status, string expected)
        {
            var api = new FakeApi(_ => FakeApi.Page(0, 0, Array.Empty<string>()));
            _ = FakeApi.Client(api).OpenPayments(new PaymentQuery { Status = status }, null, CancellationToken.None).Read().ToList();
            string request = api.PageRequests.First();
            Assert.Equal(expected, FakeApi.ParseQuery(request.Substring(request.IndexOf('?'), request.IndexOf(' ') - request.IndexOf('?')))["sorting"]);
        }

        [Fact]
        public void A_given_sort_wins_over_the_status_default()
        {
            var query = new PaymentQuery { Status = PaymentStatus.Paid, Sort = PaymentSort.UpdatedAscending };
            Assert.Equal(PaymentSort.UpdatedAscending, query.EffectiveSort);
            Assert.False(PortOne.Paging.StatusTime.IsSortKey(query.Status, query.EffectiveSort));
            var byDefault = new PaymentQuery { Status = PaymentStatus.Paid };
            Assert.True(PortOne.Paging.StatusTime.IsSortKey(byDefault.Status, byDefault.EffectiveSort));
        }
    }
}
