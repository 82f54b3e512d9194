namespace PortOne.Export
{
    /// <summary>What an export file holds.</summary>
    public enum PaymentExportFormat
    {
        /// <summary>CSV (RFC 4180): a header row, then one row per payment in the stated columns; UTF-8 with a byte order mark by default.</summary>
        Csv,
        /// <summary>JSON Lines: one line per payment, its JSON exactly as PortOne sent it; UTF-8 without a byte order mark by default.</summary>
        JsonLines,
    }
}
