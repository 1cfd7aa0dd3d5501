using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace FragmentPS.Loading
{
    /// <summary>
    /// The module's own load context: FragmentPS.Core and the libraries it ships (RestSharp, Polly) load here
    /// from the module's Dependencies folder, so another module's copy of the same library, in the default
    /// context or in a context of its own, never meets ours.
    /// </summary>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        /// <summary>The module's subfolder that only this context reads (build.ps1 lays it out).</summary>
        internal const string FolderName = "Dependencies";

        private readonly string folder;

        internal DependencyLoadContext(string folder)
            : base("FragmentPS")
        {
            this.folder = folder;
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            // The folder holds only what the runtime lacks (the assemblies target the runtime of PowerShell 7.4),
            // so everything else (the framework, System.Management.Automation, the cmdlet assembly) comes from
            // the default context and each of its types keeps one identity on both sides of the boundary.
            string path = Path.Combine(folder, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
