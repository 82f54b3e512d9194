using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using PortOne.Http;

namespace PortOne.Host
{
    /// <summary>
    /// Windows PowerShell 5.1 (.NET Framework) has no System.Text.Json, so the module ships it and its dependencies
    /// in a Dependencies folder, away from PortOne.dll: PowerShell 7 never sees them and uses its own copies. On
    /// .NET Framework, this resolver answers only for assemblies in that folder, and only when the version asked for
    /// is one ours satisfies, so another module's copies of the same libraries keep working beside ours.
    /// </summary>
    public sealed class DesktopDependencyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string DependencyFolder =
            Path.Combine(Path.GetDirectoryName(typeof(DesktopDependencyResolver).Assembly.Location) ?? ".", "Dependencies");

        public void OnImport()
        {
            if (RuntimeFramework.IsNetFramework) AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            if (RuntimeFramework.IsNetFramework) AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var wanted = new AssemblyName(args.Name);
            string candidate = Path.Combine(DependencyFolder, wanted.Name + ".dll");
            if (!File.Exists(candidate)) return null;
            AssemblyName ours = AssemblyName.GetAssemblyName(candidate);
            if (wanted.Version != null && ours.Version < wanted.Version) return null;
            return Assembly.LoadFrom(candidate);
        }
    }
}
