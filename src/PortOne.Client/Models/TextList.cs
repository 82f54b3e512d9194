using System.Collections.Generic;

namespace PortOne
{
    /// <summary>A list of strings that prints as one readable line.</summary>
    public sealed class TextList : List<string>
    {
        /// <summary>The strings separated by "; ".</summary>
        public override string ToString() => string.Join("; ", this);
    }
}
