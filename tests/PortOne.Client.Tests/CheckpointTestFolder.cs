using System;
using System.IO;
using System.Net.Http;
using PortOne.Checkpoints;

namespace PortOne.Client.Tests
{
    /// <summary>
    /// A checkpoint test's temporary folder, fake API and client, and the settings its runs start from: a first run
    /// started on purpose (CheckpointStartTests: when it may not be), 60 s settle lag, 600 s overlap, no refund horizon,
    /// the run's clock at <c>now</c>.
    /// </summary>
    internal sealed class CheckpointTestFolder : IDisposable
    {
        public const long T0 = 1_700_000_000;

        public CheckpointTestFolder(Func<HttpRequestMessage, HttpResponseMessage> answer, string checkpointName)
        {
            Folder = Path.Combine(Path.GetTempPath(), "portone-cp-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Folder);
            CheckpointPath = Path.Combine(Folder, checkpointName);
            Api = new FakeApi(answer);
            Client = FakeApi.Client(Api);
        }

        public string Folder { get; }
        public string CheckpointPath { get; }
        public FakeApi Api { get; }
        public PortOneClient Client { get; }

        public CheckpointSettings Settings(long now, Action<CheckpointSettings>? configure = null)
        {
            var settings = new CheckpointSettings(CheckpointPath)
            {
                CreateNew = !File.Exists(CheckpointPath),
                FirstFrom = DateTimeOffset.FromUnixTimeSeconds(T0 - 1000),
                SettleLag = TimeSpan.FromSeconds(60),
                Overlap = TimeSpan.FromSeconds(600),
                RefundHorizon = TimeSpan.Zero,
                Clock = () => DateTimeOffset.FromUnixTimeSeconds(now),
            };
            configure?.Invoke(settings);
            return settings;
        }

        public void Dispose()
        {
            Client.Dispose();
            Directory.Delete(Folder, recursive: true);
        }
    }
}
