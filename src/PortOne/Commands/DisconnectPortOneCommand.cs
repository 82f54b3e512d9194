using System.Management.Automation;
using PortOne.Connection;

namespace PortOne.Commands
{
    /// <summary>Disconnect-PortOne: forgets this session's connection and token.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "PortOne")]
    [OutputType(typeof(void))]
    public sealed class DisconnectPortOneCommand : PortOneCmdlet
    {
        protected override void ProcessRecord()
        {
            WriteVerbose(ConnectionStore.Remove() ? "Disconnected from PortOne." : "There was no PortOne connection in this session.");
        }
    }
}
