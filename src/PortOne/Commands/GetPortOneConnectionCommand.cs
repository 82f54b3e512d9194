using System.Management.Automation;
using PortOne.Connection;

namespace PortOne.Commands
{
    /// <summary>Get-PortOneConnection: where this session is connected; never the secret or the token.</summary>
    [Cmdlet(VerbsCommon.Get, "PortOneConnection")]
    [OutputType(typeof(PortOneConnectionInfo))]
    public sealed class GetPortOneConnectionCommand : PortOneCmdlet
    {
        protected override void ProcessRecord()
        {
            PortOneConnection? connection = ConnectionStore.Current;
            if (connection == null)
            {
                WriteVerbose("Not connected in this session; Connect-PortOne or PORTONE_IMP_KEY/PORTONE_IMP_SECRET will connect.");
                return;
            }
            if (connection.IsStale)
            {
                WriteVerbose("The PORTONE_* environment variables changed since this session connected from them; the next command connects again.");
                return;
            }
            WriteObject(connection.ToInfo());
        }
    }
}
