using System.Collections.Generic;
using System.Linq;

namespace PortOne
{
    /// <summary>The deposits into a virtual account; prints readably in Export-Csv and tables.</summary>
    public sealed class VbankDepositHistory : List<VbankDepositAnnotation>
    {
        /// <summary>Each deposit as its own ToString, separated by "; ".</summary>
        public override string ToString() => string.Join("; ", this.Select(d => d.ToString()));
    }
}
