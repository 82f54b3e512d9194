using System.Collections.Generic;
using System.Linq;

namespace PortOne
{
    /// <summary>The cancellations of a payment; prints readably in Export-Csv and tables.</summary>
    public sealed class PaymentCancelHistory : List<PaymentCancelAnnotation>
    {
        /// <summary>Each cancellation as its own ToString, separated by "; ".</summary>
        public override string ToString() => string.Join("; ", this.Select(c => c.ToString()));
    }
}
