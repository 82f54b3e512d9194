using System;
using System.Diagnostics;
using System.IO;
using PortOne.Export;

namespace PortOne.Host
{
    /// <summary>
    /// The tests' fault point for exports: PORTONE_TEST_FAULT=&lt;ExportStep&gt; makes an export fail right after that
    /// step (an IOException, as a full disk would), and &lt;ExportStep&gt;:kill kills the process there (SIGKILL on Linux:
    /// no finally block, no flush), so the tests can show what each step leaves. Unset, it costs nothing.
    /// </summary>
    internal static class FaultPoint
    {
        public const string Variable = "PORTONE_TEST_FAULT";

        public static Action<ExportStep>? FromEnvironment()
        {
            string? setting = Environment.GetEnvironmentVariable(Variable);
            if (string.IsNullOrEmpty(setting)) return null;
            string[] parts = setting!.Split(':');
            if (!Enum.TryParse(parts[0], ignoreCase: true, out ExportStep at)) return null;
            bool kill = parts.Length > 1 && string.Equals(parts[1], "kill", StringComparison.OrdinalIgnoreCase);
            return step =>
            {
                if (step != at) return;
                if (kill)
                {
                    using Process self = Process.GetCurrentProcess();
                    self.Kill();
                }
                throw new IOException($"{Variable} stopped the export after {step}.");
            };
        }
    }
}
