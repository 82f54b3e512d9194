using System;

namespace PortOne.Diagnostics
{
    public sealed class RequestInfo
    {
        public RequestInfo(string method, string pathAndQuery, int statusCode, TimeSpan elapsed, int? items)
        {
            Method = method;
            PathAndQuery = pathAndQuery;
            StatusCode = statusCode;
            Elapsed = elapsed;
            Items = items;
        }

        public string Method { get; }
        public string PathAndQuery { get; }
        /// <summary>0 when no answer came (connection error or timeout).</summary>
        public int StatusCode { get; }
        public TimeSpan Elapsed { get; }
        public int? Items { get; }
    }
}
