using System;
using System.Management.Automation;
using PortOne.Checkpoints;

namespace PortOne.Commands
{
    /// <summary>The parameters Get-PortOnePayment and Export-PortOnePayment share for a checkpointed run.</summary>
    internal interface ICheckpointedCommand
    {
        string? Checkpoint { get; }
        SwitchParameter NewCheckpoint { get; }
        PaymentStatus Status { get; }
        DateTime? From { get; }
        TimeSpan SettleLag { get; }
        TimeSpan Overlap { get; }
        TimeSpan RefundHorizon { get; }
        PaymentSort? Sort { get; }
        int PageSize { get; }
        int ThrottleLimit { get; }
    }
}
