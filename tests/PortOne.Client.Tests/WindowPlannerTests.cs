using System.Linq;
using PortOne.Paging;
using Xunit;

namespace PortOne.Client.Tests
{
    public class WindowPlannerTests
    {
        private const long Day = 86_400;

        [Fact]
        public void A_short_range_is_one_window()
        {
            var windows = WindowPlanner.Plan(1000, 1000 + 10 * Day, descending: true);
            Assert.Equal(new[] { (1000L, 1000 + 10 * Day) }, windows.Select(w => (w.From, w.To)));
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void A_400_day_range_is_covered_by_90_day_windows_without_overlap_or_gap(bool descending)
        {
            long from = 1_600_000_000, to = from + 400 * Day;
            var windows = WindowPlanner.Plan(from, to, descending);
            Assert.Equal(5, windows.Count);
            Assert.All(windows, w => Assert.True(w.To - w.From <= 90 * Day));
            var ordered = windows.OrderBy(w => w.From).ToList();
            Assert.Equal(from, ordered[0].From);
            Assert.Equal(to, ordered[^1].To);
            for (int i = 1; i < ordered.Count; i++) Assert.Equal(ordered[i - 1].To + 1, ordered[i].From);
            // The sort decides the order: newest first when descending.
            Assert.Equal(descending, windows[0].To == to);
        }
    }
}
