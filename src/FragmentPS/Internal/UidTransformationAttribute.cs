using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;

namespace FragmentPS.Internal
{
    /// <summary>
    /// Accepts a task uid as a Guid, a string, or a task object, and rejects anything else before a request
    /// is made, with a message that names the value and what would be right.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class UidTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject pso ? pso.BaseObject : inputData;
            // Numbers and other scalars too: a ticket number given as a uid gets the same hint as a string.
            if (value is IConvertible || value is Guid || value is FragmentTask || value is FragmentComment) return Convert(value);
            if (value is IEnumerable list && !(value is IDictionary))
                return list.Cast<object?>().Select(item => Convert(item is PSObject p ? p.BaseObject : item)).ToArray();
            // Anything else (a CSV row, a custom object) is left to the binder, which then binds by property name.
            return inputData;
        }

        internal static Guid Convert(object? value)
        {
            switch (value)
            {
                case Guid g: return g;
                case FragmentTask t: return t.Uid;
                case FragmentComment c: return c.TaskUid;
                case string s when Guid.TryParse(s.Trim(), out var parsed): return parsed;
            }
            string text = System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            throw new ArgumentTransformationMetadataException(
                $"'{text}' is not a task uid: a uid is a GUID such as 3f2a9c1e-5b7d-4e2a-9c1e-5b7d4e2a9c1e. " +
                $"For a task created with an id of another system (New-FragmentTask -ExternalId), use -ExternalId '{text.Replace("'", "''")}'.");
        }
    }
}
