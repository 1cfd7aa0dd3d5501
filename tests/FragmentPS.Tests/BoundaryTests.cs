using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace FragmentPS.Tests
{
    /// <summary>
    /// What the module's load context needs from the cmdlet assembly, which stays in PowerShell's default
    /// context while Core, RestSharp and Polly load in the module's own (src/FragmentPS/Loading).
    /// </summary>
    public sealed class BoundaryTests
    {
        private static readonly Assembly Cmdlets = typeof(FragmentCmdlet).Assembly;
        private static readonly Assembly Core = typeof(FragmentPS.Core.FragmentClient).Assembly;

        [Fact]
        public void The_cmdlet_assembly_references_only_the_framework_PowerShell_and_Core()
        {
            string frameworkFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
            var others = Cmdlets.GetReferencedAssemblies()
                .Select(reference => reference.Name!)
                .Where(name => name != Core.GetName().Name && name != "System.Management.Automation")
                .Where(name => !File.Exists(Path.Combine(frameworkFolder, name + ".dll")))
                .ToList();

            // A RestSharp or Polly type in any signature the cmdlets use would put its assembly here, and the
            // default context would then load it beside other modules' copies.
            Assert.Empty(others);
        }

        [Fact]
        public void No_public_type_of_the_cmdlet_assembly_shows_a_Core_type()
        {
            // PowerShell reflects over these types when it imports the module, before the module's load context
            // is set up, and users name them in scripts and mocks: a Core type here would load Core too early
            // and be a type users cannot name.
            var leaks = new List<string>();
            foreach (Type type in Cmdlets.GetExportedTypes())
            {
                foreach (Type seen in SurfaceOf(type))
                {
                    if (Mentions(seen, Core)) leaks.Add($"{type.FullName}: {seen}");
                }
            }

            Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
        }

        private static IEnumerable<Type> SurfaceOf(Type type)
        {
            const BindingFlags Visible = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            if (type.BaseType != null) yield return type.BaseType;
            foreach (Type contract in type.GetInterfaces()) yield return contract;
            foreach (FieldInfo field in type.GetFields(Visible).Where(f => f.IsPublic || (!f.IsStatic && f.FieldType.IsValueType)))
                yield return field.FieldType;
            foreach (ConstructorInfo constructor in type.GetConstructors(Visible).Where(c => c.IsPublic || c.IsFamily))
            {
                foreach (ParameterInfo parameter in constructor.GetParameters()) yield return parameter.ParameterType;
            }

            foreach (PropertyInfo property in type.GetProperties(Visible).Where(p => p.GetMethod?.IsPublic == true || p.SetMethod?.IsPublic == true))
                yield return property.PropertyType;
            foreach (MethodInfo method in type.GetMethods(Visible).Where(m => m.IsPublic && !m.IsSpecialName))
            {
                yield return method.ReturnType;
                foreach (ParameterInfo parameter in method.GetParameters()) yield return parameter.ParameterType;
            }
        }

        private static bool Mentions(Type type, Assembly assembly)
        {
            if (type.HasElementType) return Mentions(type.GetElementType()!, assembly);
            if (type.IsGenericType && type.GetGenericArguments().Any(argument => Mentions(argument, assembly))) return true;
            return type.Assembly == assembly;
        }
    }
}
