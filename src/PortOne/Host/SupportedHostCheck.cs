using System;
using System.Management.Automation;
using System.Reflection;
using PortOne.Http;

namespace PortOne.Host
{
    /// <summary>
    /// Refuses PowerShell 6.0 to 7.3 at Import-Module, in one sentence. The client binds System.Text.Json 8.0.0.0,
    /// which PowerShell 7 takes from its runtime and which .NET 8 (PowerShell 7.4) is the first to carry: on an older
    /// PowerShell 7 the module would import and then fail at its first request with an assembly-load error. The
    /// manifest cannot say "5.1 on Windows PowerShell, 7.4 on PowerShell 7" (its PowerShellVersion is 5.1).
    /// </summary>
    public sealed class SupportedHostCheck : IModuleAssemblyInitializer
    {
        internal static readonly Version MinimumCoreVersion = new Version(7, 4);

        public void OnImport()
        {
            Assembly engine = typeof(PSObject).Assembly;
            // The assembly version says major.minor (7.6.0.500 on 7.6.9); the informational one the release ("7.6.9 SHA: ...").
            string? release = engine.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split(' ')[0];
            string? refusal = Refusal(RuntimeFramework.IsNetFramework, engine.GetName().Version, release);
            if (refusal != null) throw new NotSupportedException(refusal);
        }

        /// <summary>Why this host cannot run the module, or null.</summary>
        internal static string? Refusal(bool desktop, Version? engineVersion, string? release)
        {
            if (desktop || engineVersion == null || engineVersion >= MinimumCoreVersion) return null;
            return $"PortOne needs PowerShell {MinimumCoreVersion} or later (or Windows PowerShell 5.1); " +
                $"this is PowerShell {release ?? engineVersion.ToString(2)}.";
        }
    }
}
