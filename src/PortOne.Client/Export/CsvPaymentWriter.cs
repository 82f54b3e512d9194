using System.IO;
using System.Runtime.CompilerServices;
using PortOne.Json;
using System.Text;

namespace PortOne.Export
{
    /// <summary>CSV rows in the columns of <see cref="CsvColumns"/>, under a header row of their names.</summary>
    internal sealed class CsvPaymentWriter : PaymentRowWriter
    {
        private readonly StreamWriter _writer;
        private readonly CsvField _field;

        public CsvPaymentWriter(Stream stream, Encoding encoding, bool asUtc)
        {
            _writer = new StreamWriter(stream, encoding, BufferSize, leaveOpen: true);
            _field = new CsvField(_writer, asUtc);
        }

        public override void Begin()
        {
            foreach (CsvColumn column in CsvColumns.All) _field.Text(column.Name);
            _field.EndRow();
        }

        [MethodImpl(Jit.Optimized)]
        public override void Write(PaymentAnnotation payment)
        {
            foreach (CsvColumn column in CsvColumns.All) column.Write(_field, payment);
            _field.EndRow();
        }

        public override void Flush() => _writer.Flush();

        public override void Dispose() => _writer.Dispose();
    }
}
