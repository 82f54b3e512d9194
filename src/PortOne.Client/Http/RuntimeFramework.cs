using System;
using System.Runtime.InteropServices;

namespace PortOne.Http
{
    /// <summary>
    /// Which .NET runs this process, decided in this one place: on .NET Framework the HTTP stack needs preparing
    /// (<see cref="DesktopHttpStack"/>), and a host may need to bring this library's dependencies itself.
    /// </summary>
    public static class RuntimeFramework
    {
        /// <summary>True on .NET Framework (4.x), false on .NET (Core, 5 and later).</summary>
        public static bool IsNetFramework { get; } = RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);
    }
}
