using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Web.Tests.Infrastructure;
using static Marketplace.Web.Tests.Staff.StaffScenario;

namespace Marketplace.Web.Tests.Authorization;

/// <summary>
/// Every /Staff and /Admin page and handler × every kind of visitor (PRODUCT.md, "denied"):
/// anonymous → sign-in; producer → 403 or access denied; staff of Huancavelica → allowed on
/// the staff area, denied on the admin area; staff of Londrina → 403/404 on Huancavelica's data;
/// administrator → allowed everywhere. Never a 500, never a 200 with the protected content.
/// </summary>
public partial class AuthorizationMatrixTests(MatrixSite site) : IClassFixture<MatrixSite>
{
    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        for (var i = 0; i < ProtectedRoutes.All.Count; i++)
        {
            foreach (var visitor in new[] { MatrixSite.Anonymous, MatrixSite.Producer, HuancavelicaStaff, ParanaStaff, MatrixSite.Admin })
            {
                data.Add(i, visitor);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_visitor_gets_what_its_role_allows(int route, string visitor)
    {
        var protectedRoute = ProtectedRoutes.All[route];
        var path = await site.ResolveAsync(protectedRoute.Path);
        var client = await site.ClientAsync(visitor);

        var response = await SendAsync(client, protectedRoute.Method, path, visitor == MatrixSite.Anonymous);
        var what = $"{protectedRoute} as {visitor}: {(int)response.StatusCode} {response.Headers.Location}";

        Assert.True((int)response.StatusCode < 500, what);
        switch (Expect(protectedRoute, visitor))
        {
            case Outcome.SignIn:
                Assert.True(response.StatusCode == HttpStatusCode.Redirect
                    && Target(response).StartsWith("/Identity/Account/Login", StringComparison.Ordinal), what);
                break;
            case Outcome.Denied:
                Assert.True(IsDenied(response), what);
                break;
            case Outcome.DeniedOrNotFound:
                Assert.True(IsDenied(response) || response.StatusCode == HttpStatusCode.NotFound, what);
                break;
            default:
                Assert.True(protectedRoute.Method == "GET"
                    ? response.StatusCode == HttpStatusCode.OK
                    : response.StatusCode == HttpStatusCode.OK
                      || (response.StatusCode == HttpStatusCode.Redirect && !IsDenied(response)
                          && !Target(response).StartsWith("/Identity/Account/Login", StringComparison.Ordinal)), what);
                break;
        }
    }

    [Fact]
    public void The_matrix_lists_each_route_once()
    {
        Assert.Equal(ProtectedRoutes.All.Count, ProtectedRoutes.All.Select(r => r.ToString()).Distinct().Count());
        Assert.Contains(ProtectedRoutes.All, r => r.Area == Area.Admin);
    }

    private enum Outcome
    {
        Allowed,
        SignIn,
        Denied,
        DeniedOrNotFound,
    }

    private static Outcome Expect(ProtectedRoute route, string visitor) => visitor switch
    {
        MatrixSite.Anonymous => Outcome.SignIn,
        MatrixSite.Producer => Outcome.Denied,
        MatrixSite.Admin => Outcome.Allowed,
        _ when route.Area == Area.Admin => Outcome.Denied,
        ParanaStaff when route.Owned => Outcome.DeniedOrNotFound,
        _ => Outcome.Allowed,
    };

    private static bool IsDenied(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect
            && Target(response).StartsWith("/Identity/Account/AccessDenied", StringComparison.Ordinal));

    /// <summary>A GET, or a POST of an empty form with the antiforgery token a browser of that visitor holds.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, bool anonymous)
    {
        var token = TestContext.Current.CancellationToken;
        if (method == "GET")
        {
            return await client.GetAsync(path, token);
        }
        var page = await client.GetStringAsync(anonymous ? "/Identity/Account/Login" : "/", token);
        var antiforgery = WebUtility.HtmlDecode(TokenPattern().Match(page).Groups[1].Value);
        Assert.False(string.IsNullOrEmpty(antiforgery), "no antiforgery token to post with");
        return await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
        }), token);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
