using System;

namespace PortOne.Export
{
    /// <summary>One CSV column: its header and how a payment's value is written.</summary>
    internal sealed class CsvColumn
    {
        public CsvColumn(string name, Action<CsvField, PaymentAnnotation> write)
        {
            Name = name;
            Write = write;
        }

        public string Name { get; }

        public Action<CsvField, PaymentAnnotation> Write { get; }
    }
}
