using System;
using System.IO;
using System.Text;

namespace PortOne.Export
{
    /// <summary>
    /// JSON Lines: each payment's JSON exactly as PortOne sent it, one per line (LF). In UTF-8 (the default) the bytes
    /// PortOne sent go to the file as they are; another encoding gets them re-encoded.
    /// </summary>
    internal sealed class JsonLinesPaymentWriter : PaymentRowWriter
    {
        private static readonly byte[] NewLine = { (byte)'\n' };
        private readonly Stream _bytes;
        private readonly StreamWriter? _text;
        private readonly Encoding _encoding;

        public JsonLinesPaymentWriter(Stream stream, Encoding encoding)
        {
            _encoding = encoding;
            if (encoding.CodePage == Encoding.UTF8.CodePage) _bytes = new BufferedStream(stream, BufferSize);
            else
            {
                _text = new StreamWriter(stream, encoding, BufferSize, leaveOpen: true);
                _bytes = stream;
            }
        }

        public override void Begin()
        {
            if (_text != null) return; // a StreamWriter writes its encoding's preamble itself
            byte[] preamble = _encoding.GetPreamble();
            _bytes.Write(preamble, 0, preamble.Length);
        }

        public override void Write(PaymentAnnotation payment)
        {
            // The read must have been made with KeepOriginalJson; a payment without its text is a bug, not data to guess.
            byte[] json = payment.OriginalJson
                ?? throw new InvalidOperationException($"The payment {payment.ImpUid} was read without its original JSON.");
            if (_text != null)
            {
                _text.Write(Encoding.UTF8.GetString(json));
                _text.Write('\n');
                return;
            }
            _bytes.Write(json, 0, json.Length);
            _bytes.Write(NewLine, 0, 1);
        }

        public override void Flush()
        {
            if (_text != null) _text.Flush();
            else _bytes.Flush();
        }

        // The BufferedStream is not disposed: that would close the file its owner still has to flush to disk.
        public override void Dispose() => _text?.Dispose();
    }
}
