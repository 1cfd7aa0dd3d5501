using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace FragmentPS
{
    /// <summary>
    /// How PowerShell sees a <see cref="FragmentTask"/>: its own properties, then each custom field as a property
    /// of its own (so Export-Csv writes one column per field and <c>Where-Object country -eq FR</c> works).
    /// </summary>
    /// <remarks>
    /// Registered for the type in FragmentPS.Types.ps1xml. An adapter, not note properties added to each task
    /// as it is written: a field is looked up only when its property is asked for, so pipelines that never look
    /// at fields (Measure-Object, a count, a filter on Status) do not pay for them.
    /// </remarks>
    public sealed class FragmentTaskAdapter : PSPropertyAdapter
    {
        private static readonly PropertyInfo[] TaskProperties = typeof(FragmentTask).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        private static readonly Dictionary<string, PropertyInfo> ByName = TaskProperties.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

        public override Collection<PSAdaptedProperty> GetProperties(object baseObject)
        {
            var task = (FragmentTask)baseObject;
            var properties = new Collection<PSAdaptedProperty>();
            foreach (var p in TaskProperties) properties.Add(new PSAdaptedProperty(p.Name, p));
            IEnumerable<string> fields = task.FieldProperties?.Select(name => FieldSpelling(task, name))
                ?? task.Fields.Keys.Cast<object?>().Select(key => key?.ToString() ?? string.Empty);
            foreach (string name in fields)
                if (name.Length > 0 && !ByName.ContainsKey(name)) properties.Add(new PSAdaptedProperty(name, null));
            return properties;
        }

        public override PSAdaptedProperty? GetProperty(object baseObject, string propertyName)
        {
            if (ByName.TryGetValue(propertyName, out var property)) return new PSAdaptedProperty(property.Name, property);
            var task = (FragmentTask)baseObject;
            string? name = task.FieldProperties != null
                ? task.FieldProperties.FirstOrDefault(n => string.Equals(n, propertyName, StringComparison.OrdinalIgnoreCase))
                : (task.Fields.Contains(propertyName) ? propertyName : null);
            // The field's own spelling, as Export-Csv and Select-Object show it.
            return name == null ? null : new PSAdaptedProperty(FieldSpelling(task, name), null);
        }

        /// <summary>A field's own spelling when the task has it, else the name as asked for.</summary>
        private static string FieldSpelling(FragmentTask task, string name) =>
            task.Fields.Keys.Cast<object?>().Select(key => key?.ToString()).FirstOrDefault(key => string.Equals(key, name, StringComparison.OrdinalIgnoreCase)) ?? name;

        public override bool IsGettable(PSAdaptedProperty adaptedProperty) => true;

        public override bool IsSettable(PSAdaptedProperty adaptedProperty) =>
            !(adaptedProperty.Tag is PropertyInfo property) || property.CanWrite;

        public override object? GetPropertyValue(PSAdaptedProperty adaptedProperty)
        {
            var task = (FragmentTask)adaptedProperty.BaseObject;
            return adaptedProperty.Tag is PropertyInfo property ? property.GetValue(task) : task.Fields[adaptedProperty.Name];
        }

        public override void SetPropertyValue(PSAdaptedProperty adaptedProperty, object value)
        {
            var task = (FragmentTask)adaptedProperty.BaseObject;
            if (adaptedProperty.Tag is PropertyInfo property)
                property.SetValue(task, LanguagePrimitives.ConvertTo(value, property.PropertyType, CultureInfo.InvariantCulture));
            else
                task.Fields[adaptedProperty.Name] = value is PSObject pso ? pso.BaseObject : value;
        }

        public override string GetPropertyTypeName(PSAdaptedProperty adaptedProperty)
        {
            if (adaptedProperty.Tag is PropertyInfo property)
            {
                // As PowerShell writes it (System.Nullable[System.Guid]), not the CLR's assembly-qualified form.
                var inner = Nullable.GetUnderlyingType(property.PropertyType);
                return inner != null ? $"System.Nullable[{inner.FullName}]" : property.PropertyType.FullName!;
            }
            return GetPropertyValue(adaptedProperty)?.GetType().FullName ?? typeof(object).FullName!;
        }
    }
}
