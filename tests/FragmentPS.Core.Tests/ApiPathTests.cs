using System;
using FragmentPS.Core.Errors;
using FragmentPS.Core.Http;
using Xunit;

namespace FragmentPS.Core.Tests
{
    /// <summary>Every request carries the token: its URL must stay below the base URI, however the path is spelt.</summary>
    public sealed class ApiPathTests
    {
        private static readonly Uri Base = new Uri("https://api.example.test/api/v1");

        [Theory]
        [InlineData("tasks", "https://api.example.test/api/v1/tasks")]
        [InlineData("/tasks", "https://api.example.test/api/v1/tasks")]
        [InlineData(" /tasks/1/comments ", "https://api.example.test/api/v1/tasks/1/comments")]
        [InlineData("tasks/../accounts/me", "https://api.example.test/api/v1/accounts/me")]
        [InlineData("tasks?limit=5", "https://api.example.test/api/v1/tasks?limit=5")]
        [InlineData("//127.0.0.2/x", "https://api.example.test/api/v1/127.0.0.2/x")]
        [InlineData("https://api.example.test/api/v1/tasks", "https://api.example.test/api/v1/tasks")]
        public void Paths_below_the_base_resolve_to_it(string path, string expected) =>
            Assert.Equal(expected, ApiPath.Resolve(Base, path).AbsoluteUri);

        [Theory]
        [InlineData("/http://127.0.0.2:18090/x")]
        [InlineData("//http://127.0.0.2:18090/x")]
        [InlineData(" /http://127.0.0.2:18090/x")]
        [InlineData("/https://127.0.0.2:18090/x")]
        [InlineData("http://127.0.0.2:18090/x")]
        [InlineData("\\\\127.0.0.2\\x")]
        [InlineData("http://api.example.test/api/v1/tasks")]
        [InlineData("https://api.example.test:444/api/v1/tasks")]
        [InlineData("https://user@api.example.test/api/v1/tasks")]
        [InlineData("../tasks")]
        [InlineData("tasks/../../../x")]
        [InlineData("tasks\\..\\..\\x")]
        [InlineData("%2e%2e/%2e%2e/x")]
        [InlineData("..%2f..%2fx")]
        [InlineData("tasks%5c..%5c..%5cx")]
        [InlineData("tasks\n/x")]
        [InlineData("../v1x/tasks")]
        public void Paths_that_leave_the_base_are_refused(string path)
        {
            var ex = Assert.Throws<FragmentApiException>(() => ApiPath.Resolve(Base, path));
            Assert.Equal(FragmentErrorKind.InvalidPath, ex.Kind);
        }

        [Fact]
        public void A_sibling_path_with_the_same_prefix_is_not_below_the_base() =>
            Assert.False(ApiPath.IsBelow(Base, new Uri("https://api.example.test/api/v10/tasks")));

        [Fact]
        public void Display_drops_a_password_in_the_base_uri() =>
            Assert.Equal("https://api.example.test/api/v1/tasks", ApiPath.Display(new Uri("https://user:pa55@api.example.test/api/v1/tasks")));
    }
}
