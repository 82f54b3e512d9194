using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PortOne.Http;
using Xunit;

namespace PortOne.Client.Tests
{
    /// <summary>PortOne's clock, learned from its answers, and where the client goes by it.</summary>
    public class ClockTests
    {
        private static readonly DateTimeOffset Wall = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        private TimeSpan _monotonic = TimeSpan.FromMinutes(5);
        private DateTimeOffset _wall = Wall;

        private PortOneClock NewClock() => new PortOneClock(() => _monotonic, () => _wall);

        [Fact]
        public void Before_any_answer_it_is_this_machines_clock()
        {
            PortOneClock clock = NewClock();
            Assert.Equal(Wall, clock.Now());
            Assert.Null(clock.Offset);
            Assert.False(clock.IsKnown);
        }

        [Fact]
        public void One_answer_sets_it_to_PortOnes_time_whatever_this_machines_clock_says()
        {
            PortOneClock clock = NewClock();
            DateTimeOffset portOne = Wall.AddHours(-1); // PortOne an hour behind this machine
            _monotonic += TimeSpan.FromMilliseconds(100);
            clock.Learn(portOne, _monotonic - TimeSpan.FromMilliseconds(100), _monotonic);
            Assert.Equal(portOne, clock.Now()); // the earliest PortOne's time can be: the stamp, when the answer arrived
            Assert.InRange(clock.Offset!.Value.TotalSeconds, -3601, -3599);

            _monotonic += TimeSpan.FromSeconds(30);
            _wall += TimeSpan.FromSeconds(30);
            Assert.Equal(portOne.AddSeconds(30), clock.Now());
        }

        [Fact]
        public void A_step_of_this_machines_clock_after_learning_moves_only_the_offset()
        {
            PortOneClock clock = NewClock();
            clock.Learn(Wall, _monotonic, _monotonic);
            DateTimeOffset before = clock.Now();
            _wall = _wall.AddDays(1); // someone set the local clock a day ahead
            Assert.Equal(before, clock.Now());
            Assert.InRange(clock.Offset!.Value.TotalHours, -24.001, -23.999);
        }

        [Fact]
        public void Answers_stamped_in_whole_seconds_keep_it_never_ahead_of_PortOne_and_soon_close_behind()
        {
            PortOneClock clock = NewClock();
            DateTimeOffset origin = Wall.AddHours(-1).AddMilliseconds(370); // PortOne's time at monotonic zero
            for (int i = 0; i < 40; i++)
            {
                _monotonic += TimeSpan.FromMilliseconds(137);
                TimeSpan sent = _monotonic, stampedAt = sent + TimeSpan.FromMilliseconds(10);
                _monotonic = stampedAt + TimeSpan.FromMilliseconds(10);
                DateTimeOffset truth = origin + stampedAt;
                clock.Learn(truth.AddTicks(-(truth.Ticks % TimeSpan.TicksPerSecond)), sent, _monotonic);
                double error = (clock.Now() - (origin + _monotonic)).TotalMilliseconds;
                Assert.InRange(error, -1050, 0); // never ahead: a range ending "now" never ends in PortOne's future
                if (i >= 10) Assert.InRange(error, -300, 0); // answers stamped at other fractions of a second narrow it
            }
        }

        [Fact]
        public void An_answer_outside_the_bounds_starts_them_again()
        {
            PortOneClock clock = NewClock();
            clock.Learn(Wall, _monotonic, _monotonic);
            _monotonic += TimeSpan.FromSeconds(1);
            DateTimeOffset setBack = Wall.AddHours(-2); // PortOne's clock was set: believe the newest answer
            clock.Learn(setBack, _monotonic, _monotonic);
            Assert.InRange(clock.Now(), setBack, setBack + PortOneClock.StampWidth);
        }

        [Fact]
        public async Task Connecting_learns_PortOnes_clock_from_getTokens_now()
        {
            var api = new FakeApi(_ => FakeApi.Json(404, "{}")) { ServerNow = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds() };
            using PortOneClient client = FakeApi.Client(api);
            Assert.Null(client.ClockOffset);
            await client.ConnectAsync(null, CancellationToken.None);
            DateTimeOffset server = DateTimeOffset.FromUnixTimeSeconds(api.ServerNow);
            Assert.InRange(client.PortOneNow(), server, server.AddSeconds(5));
            Assert.InRange(client.ClockOffset!.Value.TotalSeconds, -3605, -3595);
        }

        [Theory]
        [InlineData(-1)] // this machine an hour ahead of PortOne: the date is "in the past" by this machine's clock
        [InlineData(1)]  // an hour behind: the date is an hour away by this machine's clock
        public async Task A_Retry_After_date_counts_from_the_answers_own_Date(int portOneHoursAhead)
        {
            DateTimeOffset portOneNow = DateTimeOffset.UtcNow.AddHours(portOneHoursAhead);
            DateTimeOffset stamp = portOneNow.AddTicks(-(portOneNow.Ticks % TimeSpan.TicksPerSecond));
            int calls = 0;
            var api = new FakeApi(_ =>
            {
                if (++calls > 1) return FakeApi.Json(200, "{\"code\":0,\"message\":null,\"response\":" + FakeApi.Payment("imp_1") + "}");
                HttpResponseMessage busy = FakeApi.Json(429, "{}");
                busy.Headers.Date = stamp;
                busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(stamp.AddSeconds(1));
                return busy;
            }) { ServerNow = stamp.ToUnixTimeSeconds() };
            var events = new EventLog();
            using PortOneClient client = FakeApi.Client(api, o => o.MaxRetryAfter = TimeSpan.FromSeconds(5)); // broken, the wait would be an hour or none
            await client.GetPaymentAsync("imp_1", events, CancellationToken.None);
            Assert.Equal(TimeSpan.FromSeconds(1), Assert.Single(events.Retries).Delay);
        }
    }
}
