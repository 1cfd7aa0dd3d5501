using System.Linq;

namespace FragmentPS.Completers
{
    /// <summary>How a completed word is written so that PowerShell reads it back as the same string.</summary>
    internal static class CompletionText
    {
        public static string Quote(string word) =>
            word.Length > 0 && word[0] != '-' && word.All(c => char.IsLetterOrDigit(c) || c == '_' || c == '-' || c == '.')
                ? word
                : "'" + word.Replace("'", "''") + "'";
    }
}
