using System;
using System.Text;
using System.Text.Json;
using FragmentPS.Core.Http;
using Xunit;

namespace FragmentPS.Core.Tests
{
    /// <summary>Answers whose text System.Text.Json would accept and then fail on when a string is taken.</summary>
    public sealed class Utf8TextTests
    {
        private static string TitleOf(byte[] json)
        {
            var mended = Utf8Text.Mend(json);
            using var doc = JsonDocument.Parse(mended);
            return doc.RootElement.GetProperty("t").GetString()!;
        }

        private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

        [Fact]
        public void Invalid_utf8_becomes_replacement_characters()
        {
            byte[] json = { (byte)'{', (byte)'"', (byte)'t', (byte)'"', (byte)':', (byte)'"', (byte)'a', 0xFF, 0xC3, (byte)'b', (byte)'"', (byte)'}' };
            Assert.Equal("a\uFFFD\uFFFDb", TitleOf(json));
        }

        [Theory]
        [InlineData(@"{""t"":""x\udc00y""}", "x\uFFFDy")]          // a lone low surrogate
        [InlineData(@"{""t"":""x\ud800""}", "x\uFFFD")]            // a high one at the end of a string
        [InlineData(@"{""t"":""\ud800\ud800\udc00""}", "\uFFFD\U00010000")] // a high one before a pair
        [InlineData(@"{""t"":""\ud83d\ude00""}", "\U0001F600")]    // a pair stays
        [InlineData(@"{""t"":""\\udc00""}", @"\udc00")]            // an escaped backslash, then text
        [InlineData(@"{""t"":""\\\udc00""}", "\\\uFFFD")]          // an escaped backslash, then a lone escape
        [InlineData(@"{""t"":""\u00e9\""\\""}", "é\"\\")]
        public void Lone_surrogate_escapes_become_replacement_characters(string json, string expected)
        {
            Assert.Equal(expected, TitleOf(Json(json)));
        }

        [Fact]
        public void Valid_text_without_escapes_is_the_same_memory()
        {
            byte[] json = Json(@"{""t"":""café""}");
            Assert.True(Utf8Text.Mend(json).Span == json.AsSpan());
        }
    }
}
