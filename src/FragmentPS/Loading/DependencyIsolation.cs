using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace FragmentPS.Loading
{
    /// <summary>
    /// Runs when PowerShell imports the module: from then on, the cmdlet assembly's one reference outside the
    /// framework, FragmentPS.Core, resolves into the module's <see cref="DependencyLoadContext"/>, and Core's own
    /// references (RestSharp, Polly) follow it there. The cmdlet assembly and the types users see stay in the
    /// default context, so <c>[FragmentPS.FragmentTask]</c> and users' mocks keep working.
    /// </summary>
    /// <remarks>
    /// Resolving only hears of FragmentPS.Core when the default context cannot find it, which is always the
    /// case for the laid-out module: Core is not beside the cmdlet assembly but in Dependencies/. Nothing is
    /// loaded here; Core loads when a cmdlet first needs it. Windows PowerShell 5.1 has no load contexts and
    /// the module does not support it.
    /// </remarks>
    public sealed class DependencyIsolation : IModuleAssemblyInitializer
    {
        private const string CoreAssemblyName = "FragmentPS.Core";
        private static readonly object Gate = new object();
        private static DependencyLoadContext? context;

        public void OnImport()
        {
            lock (Gate)
            {
                if (context != null) return;
                string moduleFolder = Path.GetDirectoryName(typeof(DependencyIsolation).Assembly.Location) ?? string.Empty;
                string folder = Path.Combine(moduleFolder, DependencyLoadContext.FolderName);
                // A plain build output keeps Core beside the cmdlets and needs no redirect.
                if (!Directory.Exists(folder)) return;
                context = new DependencyLoadContext(folder);
                AssemblyLoadContext.Default.Resolving += ResolveCore;
            }
        }

        private static Assembly? ResolveCore(AssemblyLoadContext defaultContext, AssemblyName assemblyName) =>
            string.Equals(assemblyName.Name, CoreAssemblyName, StringComparison.OrdinalIgnoreCase)
                ? context?.LoadFromAssemblyName(assemblyName)
                : null;
    }
}
