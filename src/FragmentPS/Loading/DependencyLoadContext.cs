using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
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
            // Only what the runtime lacks loads here. Everything else (the framework, System.Management.Automation,
            // the cmdlet assembly) comes from the default context, so the types that cross the boundary, such as
            // System.Text.Json's JsonElement, are the same on both sides; a framework assembly that a package
            // copied into the folder is passed over for the same reason.
            string fileName = assemblyName.Name + ".dll";
            string path = Path.Combine(folder, fileName);
            bool inFramework = File.Exists(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), fileName));
            return File.Exists(path) && !inFramework ? LoadFromAssemblyPath(path) : null;
        }
    }
}
