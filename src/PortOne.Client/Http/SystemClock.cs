using System;
using System.Diagnostics;

namespace PortOne.Http
{
    internal static class SystemClock
    {
        private static readonly Stopwatch Watch = Stopwatch.StartNew();

        /// <summary>Monotonic time: unaffected by wall-clock changes, the right base for token expiry.</summary>
        public static TimeSpan Elapsed() => Watch.Elapsed;
    }
}
