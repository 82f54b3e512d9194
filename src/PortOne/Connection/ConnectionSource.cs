namespace PortOne.Connection
{
    /// <summary>Where a connection's key and secret came from: what an error tells the user to fix follows it.</summary>
    internal enum ConnectionSource
    {
        /// <summary>Connect-PortOne, in this session.</summary>
        ConnectCommand,

        /// <summary>The PORTONE_* environment variables, read by the first command that needed a connection.</summary>
        EnvironmentVariables,
    }
}
