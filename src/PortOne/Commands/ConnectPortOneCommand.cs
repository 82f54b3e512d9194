using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using PortOne.Arguments;
using PortOne.Connection;

namespace PortOne.Commands
{
    /// <summary>Connect-PortOne: checks the credentials by getting a token, then keeps the connection for this session.</summary>
    [Cmdlet(VerbsCommunications.Connect, "PortOne", DefaultParameterSetName = CredentialSet)]
    [OutputType(typeof(PortOneConnectionInfo))]
    public sealed class ConnectPortOneCommand : PortOneCmdlet
    {
        private const string CredentialSet = "Credential";
        private const string KeySet = "ImpKey";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = CredentialSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; } = PSCredential.Empty;

        [Parameter(Mandatory = true, ParameterSetName = KeySet)]
        [ValidateNotNullOrEmpty]
        public string ImpKey { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = KeySet)]
        [ImpSecretTransformation]
        [ValidateNotNull]
        public SecureString ImpSecret { get; set; } = new SecureString();

        // -ApiBaseUri, -MaxRetries and -TimeoutSec are null unless given: the defaults are PortOneClientOptions' own.

        [Parameter]
        [ValidateNotNull]
        public Uri? ApiBaseUri { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Tier { get; set; }

        [Parameter]
        [ValidateRange(0, 20)]
        public int? MaxRetries { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public int? TimeoutSec { get; set; }

        // The proxy, named as Invoke-RestMethod names it; without -Proxy, PORTONE_PROXY, then the platform's default.

        [Parameter]
        [ValidateNotNull]
        public Uri? Proxy { get; set; }

        [Parameter]
        [Credential]
        [ValidateNotNull]
        public PSCredential? ProxyCredential { get; set; }

        [Parameter]
        public SwitchParameter ProxyUseDefaultCredentials { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            NetworkCredential credential = ParameterSetName == CredentialSet
                ? new NetworkCredential(Credential.UserName, Credential.Password)
                : new NetworkCredential(ImpKey, ImpSecret);
            if (string.IsNullOrEmpty(credential.UserName))
            {
                ThrowTerminatingError(NewError(PortOneErrorKind.MissingImpKey, null,
                    "The credential has no user name: it must be the REST API key (imp_key).",
                    "Pass -Credential with UserName = imp_key and Password = imp_secret."));
            }
            Run(() => PortOneClientOptions.EnsureValidTier(Tier), Tier);
            var options = new PortOneClientOptions(credential) { Tier = Tier };
            if (ApiBaseUri != null) options.BaseUri = ApiBaseUri;
            if (MaxRetries.HasValue) options.MaxRetries = MaxRetries.Value;
            if (TimeoutSec.HasValue) options.RequestTimeout = TimeSpan.FromSeconds(TimeoutSec.Value);
            string? proxyOrigin = SetProxy(options);
            Run(() =>
            {
                var client = new PortOneClient(options);
                var connection = new PortOneConnection(client, "Connect-PortOne", proxyOrigin: proxyOrigin);
                if (connection.DescribeProxy() is string proxyLine) WriteVerbose(proxyLine);
                WriteVerbose($"Getting an access token from {client.Options.BaseUri}.");
                Await(client.ConnectAsync(ClientEvents, CancelToken));
                ConnectionStore.Set(connection);
                if (client.TokenExpiresAt.HasValue) WriteVerbose($"Connected; the token expires at {ShowTime(client.TokenExpiresAt.Value)}.");
                DescribeClock(client);
                if (PassThru) WriteObject(connection.ToInfo());
            }, options.BaseUri);
        }

        /// <summary>-Proxy, else PORTONE_PROXY, into the options; says where the proxy came from (null: none given).</summary>
        private string? SetProxy(PortOneClientOptions options)
        {
            string? origin = null;
            if (Proxy != null)
            {
                options.Proxy = Proxy;
                origin = "Connect-PortOne -Proxy";
            }
            else
            {
                Run(() => options.Proxy = ConnectionStore.ProxyFromEnvironment(), ConnectionStore.ProxyVariable);
                if (options.Proxy != null) origin = ConnectionStore.ProxyVariable;
            }
            options.ProxyCredential = ProxyCredential?.GetNetworkCredential();
            options.ProxyUseDefaultCredentials = ProxyUseDefaultCredentials;
            Run(() => PortOneClientOptions.EnsureValidProxy(options), (object?)Proxy ?? origin ?? nameof(ProxyCredential));
            return origin;
        }
    }
}
