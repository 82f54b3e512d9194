using System.Runtime.CompilerServices;

namespace PortOne.Json
{
    internal static class Jit
    {
        /// <summary>
        /// MethodImplOptions.AggressiveOptimization (512), which netstandard2.0 does not name: .NET Core then compiles the
        /// method fully optimized at once instead of running it unoptimized first. The hot loops of a read run for only
        /// a second or two in a fresh process, too short for tiered compilation to catch up. .NET Framework ignores it.
        /// </summary>
        public const MethodImplOptions Optimized = (MethodImplOptions)512;
    }
}
