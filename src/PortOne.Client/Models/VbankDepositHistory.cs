using System.Collections.Generic;
using System.Linq;

namespace PortOne
{
    public sealed class VbankDepositHistory : List<VbankDepositAnnotation>
    {
        public override string ToString() => string.Join("; ", this.Select(d => d.ToString()));
    }
}
