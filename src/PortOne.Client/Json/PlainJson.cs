using System;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace PortOne.Json
{
    /// <summary>
    /// Walks a JSON text whole, taking only its plainest tokens itself: strings with no escape and no control character,
    /// numbers with no exponent, and the three literals. Any other value is read by a Utf8JsonReader started on it
    /// (<see cref="ValueReader"/>). Each method takes its token and moves on, or answers false and moves nothing, so the
    /// caller can hand that value to the reader (or set <see cref="Position"/> back to give up a token it took). It
    /// never judges JSON it does not take: what it refuses the reader judges. Compiled optimized at once, it spares a
    /// short read the runtime's tiers for System.Text.Json's reader.
    /// </summary>
    internal ref struct PlainJson
    {
        private readonly ReadOnlySpan<byte> _json;
        private readonly int _depth;

        /// <param name="json">The text.</param>
        /// <param name="depth">How deep the values handed to a reader lie, so that its depth limit stays the whole text's.</param>
        public PlainJson(ReadOnlySpan<byte> json, int depth)
        {
            _json = json;
            _depth = depth;
            Position = 0;
        }

        /// <summary>Where the next token starts (or the whitespace before it); set back to give up a value taken.</summary>
        public int Position { get; set; }

        /// <summary>True where nothing but whitespace is left.</summary>
        public bool AtEnd
        {
            get
            {
                SkipSpace();
                return Position == _json.Length;
            }
        }

        /// <summary>Takes <paramref name="expected"/> (a structural character) where it comes next.</summary>
        [MethodImpl(Jit.Optimized)]
        public bool Take(byte expected)
        {
            SkipSpace();
            if (Position >= _json.Length || _json[Position] != expected) return false;
            Position++;
            return true;
        }

        /// <summary>Takes a string with no escape and no control character; <paramref name="text"/> is its bytes between the quotes.</summary>
        [MethodImpl(Jit.Optimized)]
        public bool PlainString(out ReadOnlySpan<byte> text)
        {
            text = default;
            SkipSpace();
            if (Position >= _json.Length || _json[Position] != (byte)'"') return false;
            for (int i = Position + 1; i < _json.Length; i++)
            {
                byte b = _json[i];
                if (b == (byte)'"')
                {
                    text = _json.Slice(Position + 1, i - Position - 1);
                    Position = i + 1;
                    return true;
                }
                if (b == (byte)'\\' || b < 0x20) return false;
            }
            return false;
        }

        /// <summary>Takes a number of the form -?(0|[1-9][0-9]*)(.[0-9]+)? that ends where JSON lets a value end.</summary>
        [MethodImpl(Jit.Optimized)]
        public bool PlainNumber(out ReadOnlySpan<byte> number)
        {
            number = default;
            SkipSpace();
            int i = Position;
            if (i < _json.Length && _json[i] == (byte)'-') i++;
            int digits = Digits(i);
            if (digits == 0 || (digits > 1 && _json[i] == (byte)'0')) return false;
            i += digits;
            if (i < _json.Length && _json[i] == (byte)'.')
            {
                int fraction = Digits(i + 1);
                if (fraction == 0) return false;
                i += 1 + fraction;
            }
            if (!EndsValue(i)) return false;
            number = _json.Slice(Position, i - Position);
            Position = i;
            return true;
        }

        /// <summary>Takes null where it comes next.</summary>
        public bool TakeNull()
        {
            int start = Position;
            if (Literal() == JsonTokenType.Null) return true;
            Position = start;
            return false;
        }

        /// <summary>Takes null, true or false: <see cref="JsonTokenType.Null"/>, True or False; <see cref="JsonTokenType.None"/> where none comes next.</summary>
        [MethodImpl(Jit.Optimized)]
        public JsonTokenType Literal()
        {
            SkipSpace();
            if (Position >= _json.Length) return JsonTokenType.None;
            ReadOnlySpan<byte> rest = _json.Slice(Position);
            (JsonTokenType kind, int length) = rest[0] switch
            {
                (byte)'n' => (JsonTokenType.Null, 4),
                (byte)'t' => (JsonTokenType.True, 4),
                (byte)'f' => (JsonTokenType.False, 5),
                _ => (JsonTokenType.None, 0),
            };
            if (kind == JsonTokenType.None || rest.Length < length || !EndsValue(Position + length)) return JsonTokenType.None;
            ReadOnlySpan<byte> word = rest.Slice(0, length);
            bool same = kind == JsonTokenType.Null ? word.SequenceEqual(Null) : kind == JsonTokenType.True ? word.SequenceEqual(True) : word.SequenceEqual(False);
            if (!same) return JsonTokenType.None;
            Position += length;
            return kind;
        }

        /// <summary>
        /// A reader on the next value, on its first token (it throws where that is not JSON). Once the value is read,
        /// <see cref="Skip"/> its <see cref="Utf8JsonReader.BytesConsumed"/>.
        /// </summary>
        public Utf8JsonReader ValueReader()
        {
            SkipSpace();
            var reader = new Utf8JsonReader(_json.Slice(Position), new JsonReaderOptions { MaxDepth = 64 - _depth });
            if (!reader.Read()) throw new JsonException("A value was expected.");
            return reader;
        }

        /// <summary>Moves past what a <see cref="ValueReader"/> read.</summary>
        public void Skip(long bytes) => Position += checked((int)bytes);

        private static ReadOnlySpan<byte> Null => new[] { (byte)'n', (byte)'u', (byte)'l', (byte)'l' };
        private static ReadOnlySpan<byte> True => new[] { (byte)'t', (byte)'r', (byte)'u', (byte)'e' };
        private static ReadOnlySpan<byte> False => new[] { (byte)'f', (byte)'a', (byte)'l', (byte)'s', (byte)'e' };

        [MethodImpl(Jit.Optimized)]
        private void SkipSpace()
        {
            while (Position < _json.Length)
            {
                byte b = _json[Position];
                if (b != (byte)' ' && b != (byte)'\n' && b != (byte)'\r' && b != (byte)'\t') return;
                Position++;
            }
        }

        private int Digits(int from)
        {
            int i = from;
            while (i < _json.Length && _json[i] >= (byte)'0' && _json[i] <= (byte)'9') i++;
            return i - from;
        }

        /// <summary>True where a value may end before <paramref name="i"/>: the text ends, or whitespace, a comma or a closing bracket follows.</summary>
        private bool EndsValue(int i)
        {
            if (i >= _json.Length) return true;
            byte b = _json[i];
            return b == (byte)',' || b == (byte)'}' || b == (byte)']' || b == (byte)' ' || b == (byte)'\n' || b == (byte)'\r' || b == (byte)'\t';
        }
    }
}
