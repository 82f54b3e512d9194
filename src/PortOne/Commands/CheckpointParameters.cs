using System;
using PortOne.Checkpoints;
using PortOne.Errors;

namespace PortOne.Commands
{
    /// <summary>
    /// What Get-PortOnePayment and Export-PortOnePayment both check about -Checkpoint and the parameters that go with it:
    /// a parameter that does not fit stops the command with PortOne.InvalidCheckpointParameter, naming it, before
    /// anything is read.
    /// </summary>
    internal static class CheckpointParameters
    {
        private static readonly string[] CheckpointOnly = { "NewCheckpoint", "SettleLag", "Overlap", "RefundHorizon" };

        /// <summary>Without -Checkpoint: stops where a parameter that applies only with one was given.</summary>
        public static void RefuseWithoutCheckpoint(PortOneCmdlet cmdlet)
        {
            foreach (string name in CheckpointOnly)
            {
                if (cmdlet.MyInvocation.BoundParameters.ContainsKey(name))
                {
                    Stop(cmdlet, name, $"-{name} applies only with -Checkpoint.", $"Add -Checkpoint <file>, or leave -{name} out.");
                }
            }
        }

        /// <summary>With -Checkpoint: stops at an end of the range, and at a time span that is not whole seconds.</summary>
        public static void RefuseWithCheckpoint(PortOneCmdlet cmdlet, TimeSpan settleLag, TimeSpan overlap, TimeSpan refundHorizon)
        {
            foreach (string end in new[] { "To", "Before" })
            {
                if (cmdlet.MyInvocation.BoundParameters.ContainsKey(end))
                {
                    Stop(cmdlet, end, $"-{end} cannot be used with -Checkpoint: each run reads up to now minus -SettleLag.",
                        $"Leave -{end} out; for a fixed range without a checkpoint, leave -Checkpoint out.");
                }
            }
            foreach ((string name, TimeSpan value) in new[] { ("SettleLag", settleLag), ("Overlap", overlap), ("RefundHorizon", refundHorizon) })
            {
                // A bare number binds as ticks ([TimeSpan]60 is 6 microseconds): whole seconds catch that mistake.
                if (value < TimeSpan.Zero || value.Ticks % TimeSpan.TicksPerSecond != 0)
                {
                    Stop(cmdlet, name, $"-{name} {value} is not a whole number of seconds, zero or more.",
                        "Write it as a time span such as '00:01:00' or (New-TimeSpan -Minutes 1); a bare number is read as ticks.");
                }
            }
        }

        /// <summary>The checkpoint file as the file system sees it; stops where -Checkpoint is not a file system path.</summary>
        public static string Resolve(PortOneCmdlet cmdlet, string checkpoint, string example)
        {
            string? path = cmdlet.FileSystemPath(checkpoint);
            if (path == null)
            {
                Stop(cmdlet, "Checkpoint", $"-Checkpoint '{checkpoint}' is not a file system path.", $"Give a file path, such as {example}.");
            }
            return path!;
        }

        /// <summary>
        /// -From for a checkpoint's first run, as a time; stops where it is later than PortOne's clock now (beyond what
        /// the clock may be off by): no run could ever read from there.
        /// </summary>
        public static DateTimeOffset? FirstFrom(PortOneCmdlet cmdlet, DateTime? from, PortOneClient client)
        {
            if (!from.HasValue) return null;
            var first = new DateTimeOffset(from.Value);
            DateTimeOffset portOneNow = client.PortOneNow();
            if (first > portOneNow + PortOneClient.ClockUncertainty)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.New(PortOneErrorKind.InvalidDateRange, from,
                    $"-From ({PortOneCmdlet.ShowTime(first)}) is in the future: " +
                    $"PortOne's clock says {PortOneCmdlet.ShowTime(portOneNow.ToOffset(first.Offset))}.",
                    "Give the moment the first run should start from, in the past."));
            }
            return first;
        }

        /// <summary>
        /// The settings of a checkpointed run from the command's parameters; stops where -Checkpoint is not a file system
        /// path or -From lies in PortOne's future. <paramref name="example"/> is the path the advice shows.
        /// </summary>
        public static CheckpointSettings Settings<TCommand>(TCommand command, PortOneClient client, string example)
            where TCommand : PortOneCmdlet, ICheckpointedCommand
        {
            string path = Resolve(command, command.Checkpoint!, example);
            return new CheckpointSettings(path)
            {
                CreateNew = command.NewCheckpoint,
                Status = command.Status,
                FirstFrom = FirstFrom(command, command.From, client),
                SettleLag = command.SettleLag,
                Overlap = command.Overlap,
                RefundHorizon = command.RefundHorizon,
                Sort = SortFor(command.Sort, command.Status),
                PageSize = command.PageSize,
                MaxPagesInFlight = command.ThrottleLimit,
            };
        }

        /// <summary>The user's -Sort, else oldest first by the status's own time where the API sorts by it.</summary>
        public static PaymentSort SortFor(PaymentSort? sort, PaymentStatus status) =>
            sort ?? (status == PaymentStatus.Paid ? PaymentSort.PaidAscending : PaymentSort.StartedAscending);

        /// <summary>Stops <paramref name="cmdlet"/> with PortOne.InvalidCheckpointParameter for the parameter <paramref name="name"/>.</summary>
        public static void Stop(PortOneCmdlet cmdlet, string name, string message, string recommendedAction) =>
            cmdlet.ThrowTerminatingError(ErrorRecords.New(PortOneErrorKind.InvalidCheckpointParameter, name, message, recommendedAction));
    }
}
