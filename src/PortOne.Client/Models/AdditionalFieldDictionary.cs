using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace PortOne
{
    /// <summary>
    /// Fields PortOne added after this module was built, by name, each as text (a string as itself, anything else as
    /// its JSON). Prints as one JSON object, so Export-Csv and string expansion show the fields, never a type name.
    /// </summary>
    public sealed class AdditionalFieldDictionary : ReadOnlyDictionary<string, string>
    {
        private readonly string _json;

        internal AdditionalFieldDictionary(IDictionary<string, string> fields, string? json)
            : base(fields)
        {
            _json = json ?? "{}";
        }

        /// <summary>The fields as one JSON object, each value as PortOne sent it, such as {"added_later":1}.</summary>
        public override string ToString() => _json;
    }
}
