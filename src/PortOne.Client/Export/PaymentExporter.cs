using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using PortOne.Checkpoints;
using PortOne.Diagnostics;
using PortOne.Files;
using PortOne.Json;

namespace PortOne.Export
{
    /// <summary>
    /// Writes a read's payments to a file that appears whole or not at all, and with a checkpoint, one file per run,
    /// each state in exactly one file however runs crash:
    /// <list type="number">
    /// <item>the rows go to "&lt;file&gt;.tmp" beside the file, which is flushed to disk (fsync) and renamed over the
    /// file, and the folder is flushed;</item>
    /// <item>only then is the checkpoint saved the same way (see <see cref="CheckpointRun.Commit()"/>).</item>
    /// </list>
    /// A checkpointed run's file is named after its run number ("&lt;checkpoint name&gt;-000042.csv"). A crash before
    /// the checkpoint moved leaves the old checkpoint, so the next run has the same number, reads the same range again
    /// and replaces that run's file rather than adding to it: the files numbered up to the checkpoint's run count are
    /// final, and a file numbered one more is a run not yet done.
    /// </summary>
    public sealed class PaymentExporter
    {
        /// <summary>An exporter writing <paramref name="format"/>.</summary>
        public PaymentExporter(PaymentExportFormat format)
        {
            Format = format;
        }

        /// <summary>The file format.</summary>
        public PaymentExportFormat Format { get; }

        /// <summary>The file's text encoding; null for the format's own (UTF-8, with a byte order mark for CSV only).</summary>
        public Encoding? Encoding { get; set; }

        /// <summary>CSV times in UTC rather than local time.</summary>
        public bool AsUtc { get; set; }

        /// <summary>
        /// Whether the payments handed to <see cref="PaymentWritten"/> carry every field, as a read's do (-PassThru).
        /// Without it a CSV export writes each row straight from the payment's JSON, about twice as fast, and the
        /// payment holds only its imp_uid, merchant_uid, status, times, nested lists and unknown fields.
        /// </summary>
        public bool WholePayments { get; set; }

        /// <summary>Called on the calling thread after each payment is written (a host passes it on, and writes what happened meanwhile).</summary>
        public Action<PaymentAnnotation>? PaymentWritten { get; set; }

        /// <summary>Called once every payment is written, before the file is flushed and renamed: a throw here leaves no file.</summary>
        public Action? ReadCompleted { get; set; }

        /// <summary>
        /// Told of each durable step as it completes. An exception thrown here stops the export at that step, as a crash
        /// would there (the tests' fault points).
        /// </summary>
        public Action<ExportStep>? StepCompleted { get; set; }

        /// <summary>
        /// Writes the payments of <paramref name="query"/> to <paramref name="path"/>, replacing a file there only once
        /// the whole read is written. A query without From or To is pinned now (To = now, From = 90 days before).
        /// </summary>
        /// <exception cref="PortOneException">ExportFailed where the file cannot be written; the reader's own failures.</exception>
        public ExportSummary Export(
            PortOneClient client, PaymentQuery query, string path, IPortOneEvents? events, CancellationToken cancellationToken)
        {
            if (client == null) throw new ArgumentNullException(nameof(client));
            if (query == null) throw new ArgumentNullException(nameof(query));
            var watch = Stopwatch.StartNew();
            string target = Path.GetFullPath(path);
            if (Directory.Exists(target)) throw Failed(target, "is a folder; an export without a checkpoint writes one file", null);
            EnsureFolder(DurableFile.FolderOf(target));
            PaymentQuery pinned = Pin(query);
            PaymentStream stream = client.OpenPayments(pinned, events, cancellationToken);
            long rows = WriteFile(target, stream.Read(), null);
            return new ExportSummary
            {
                Path = target, Format = Format, Rows = rows, From = pinned.From!.Value.ToLocalTime(), To = pinned.To!.Value.ToLocalTime(),
                Elapsed = watch.Elapsed,
            };
        }

        /// <summary>
        /// Writes one checkpointed run into <paramref name="folder"/> as the file of its run number, then moves the
        /// checkpoint. A run with nothing new to read (not the first) writes no file and leaves the checkpoint.
        /// </summary>
        /// <exception cref="PortOneException">ExportFailed, CheckpointMissing (files of earlier runs beside a new
        /// checkpoint), or the run's own failures.</exception>
        public ExportSummary Export(CheckpointRun run, string folder, IPortOneEvents? events, CancellationToken cancellationToken)
        {
            if (run == null) throw new ArgumentNullException(nameof(run));
            var watch = Stopwatch.StartNew();
            string fullFolder = Path.GetFullPath(folder);
            if (File.Exists(fullFolder)) throw Failed(fullFolder, "is a file; a checkpointed export writes one file per run into a folder", null);
            EnsureFolder(fullFolder);
            var summary = new ExportSummary
            {
                Format = Format, From = run.From.ToLocalTime(), To = run.To.ToLocalTime(), Checkpoint = run.CheckpointPath, Run = run.RunNumber,
            };
            if (run.HasNothingToRead && !run.IsFirstRun)
            {
                summary.Run = null;
                summary.Elapsed = watch.Elapsed;
                return summary;
            }
            if (run.IsFirstRun) RefuseEarlierRuns(run, fullFolder);
            run.Rows = RowFormat.For(Format, AsUtc, WholePayments);
            string target = Path.Combine(fullFolder, RunFileName(run.CheckpointPath, run.RunNumber, Format));
            summary.Rows = WriteFile(target, run.Read(events, cancellationToken), () => RemoveOtherFormat(target));
            summary.Path = target;
            run.Commit(step => StepCompleted?.Invoke(step switch
            {
                DurableStep.Synced => ExportStep.CheckpointSynced,
                DurableStep.Renamed => ExportStep.CheckpointRenamed,
                _ => ExportStep.CheckpointFolderSynced,
            }));
            summary.CheckpointMoved = true;
            summary.Skipped = run.Skipped;
            summary.Elapsed = watch.Elapsed;
            return summary;
        }

        /// <summary>
        /// The file name of a checkpointed run: the checkpoint's name without its extension, the run number, the
        /// format's extension.
        /// </summary>
        public static string RunFileName(string checkpointPath, long runNumber, PaymentExportFormat format) =>
            Path.GetFileNameWithoutExtension(checkpointPath) + "-" + runNumber.ToString("D6", CultureInfo.InvariantCulture) +
            PaymentRowWriter.Extension(format);

        /// <summary>Writes every payment to the temporary file, then commits it; returns the rows written.</summary>
        private long WriteFile(string target, IEnumerable<PaymentAnnotation> payments, Action? beforeRename)
        {
            long rows = 0;
            DurableFile file = Io(target, () => DurableFile.Create(target));
            try
            {
                using (PaymentRowWriter writer = PaymentRowWriter.Create(Format, file.Stream, Encoding))
                {
                    Io(target, writer.Begin);
                    rows = WriteRows(writer, payments, target);
                    ReadCompleted?.Invoke();
                    Io(target, writer.Flush);
                }
                Io(target, () =>
                {
                    StepCompleted?.Invoke(ExportStep.RowsWritten);
                    beforeRename?.Invoke();
                    file.Commit(step => StepCompleted?.Invoke(step switch
                    {
                        DurableStep.Synced => ExportStep.FileSynced,
                        DurableStep.Renamed => ExportStep.FileRenamed,
                        _ => ExportStep.FolderSynced,
                    }));
                });
            }
            finally
            {
                file.Dispose();
            }
            return rows;
        }

        /// <summary>The loop that runs for every payment: no closure per row, compiled optimised at once.</summary>
        [MethodImpl(Jit.Optimized)]
        private long WriteRows(PaymentRowWriter writer, IEnumerable<PaymentAnnotation> payments, string target)
        {
            long rows = 0;
            foreach (PaymentAnnotation payment in payments)
            {
                try
                {
                    writer.Write(payment);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    throw Failed(target, "could not be written", e);
                }
                rows++;
                PaymentWritten?.Invoke(payment);
            }
            return rows;
        }

        private PaymentQuery Pin(PaymentQuery query)
        {
            DateTimeOffset to = query.To ?? DateTimeOffset.UtcNow;
            return new PaymentQuery
            {
                Status = query.Status,
                From = query.From ?? to - PaymentQuery.MaxWindow,
                To = to,
                Sort = query.Sort,
                PageSize = query.PageSize,
                Skip = query.Skip,
                First = query.First,
                MaxPagesInFlight = query.MaxPagesInFlight,
                Rows = RowFormat.For(Format, AsUtc, WholePayments),
            };
        }

        /// <summary>
        /// A new checkpoint numbers its runs from 1. Files of runs after the first in the folder belong to an earlier
        /// checkpoint of the same name, which is gone: numbering again would replace them. (A file numbered 1 is a first
        /// run that crashed before its checkpoint was saved, and is replaced.)
        /// </summary>
        private static void RefuseEarlierRuns(CheckpointRun run, string folder)
        {
            string prefix = Path.GetFileNameWithoutExtension(run.CheckpointPath) + "-";
            foreach (string file in Directory.EnumerateFiles(folder, prefix + "*"))
            {
                string name = Path.GetFileName(file);
                string number = Path.GetFileNameWithoutExtension(name).Substring(prefix.Length);
                bool runFile = name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                    || name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);
                if (runFile && number.Length >= 6 && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n > 1)
                {
                    throw new PortOneException(PortOneErrorKind.CheckpointMissing,
                        $"'{file}' is the file of run {n} of a checkpoint named '{Path.GetFileName(run.CheckpointPath)}', " +
                        $"and '{run.CheckpointPath}' is a new checkpoint: the checkpoint those files belong to is missing.")
                    {
                        CheckpointPath = run.CheckpointPath, FilePath = file,
                    };
                }
            }
        }

        /// <summary>A run file of the other format with the same number is a failed attempt in that format: it goes too.</summary>
        private void RemoveOtherFormat(string target)
        {
            PaymentExportFormat otherFormat = Format == PaymentExportFormat.Csv ? PaymentExportFormat.JsonLines : PaymentExportFormat.Csv;
            string other = Path.ChangeExtension(target, PaymentRowWriter.Extension(otherFormat));
            if (File.Exists(other)) File.Delete(other);
        }

        private static void EnsureFolder(string folder)
        {
            if (!Directory.Exists(folder)) throw Failed(folder, "does not exist (the export creates files, not folders)", null);
        }

        private static T Io<T>(string path, Func<T> work)
        {
            try
            {
                return work();
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw Failed(path, "could not be written", e);
            }
        }

        private static void Io(string path, Action work) => Io(path, () =>
        {
            work();
            return true;
        });

        private static PortOneException Failed(string path, string what, Exception? inner) =>
            new PortOneException(PortOneErrorKind.ExportFailed,
                $"The export file '{path}' {what}" + (inner == null ? "." : ": " + inner.Message), inner)
            {
                FilePath = path,
            };
    }
}
