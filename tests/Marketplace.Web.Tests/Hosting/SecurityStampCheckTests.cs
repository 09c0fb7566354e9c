using System.Net;
using Marketplace.Infrastructure.Identity;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Web.Tests.BookingPages.BookingPagesSite;

namespace Marketplace.Web.Tests.Hosting;

/// <summary>
/// The site skips Identity's security-stamp check while a sign-in cookie is younger than the
/// check's interval, as Identity itself would answer, and hands every cookie that is due to it:
/// a stamp changed elsewhere (a password reset, "sign out everywhere") still ends the session.
/// </summary>
public class SecurityStampCheckTests(SecurityStampCheckTests.StampClockFactory site)
    : IClassFixture<SecurityStampCheckTests.StampClockFactory>
{
    /// <summary>The site with the clock of Identity's stamp check under the test's hand.</summary>
    public sealed class StampClockFactory : MarketplaceFactory
    {
        public AdjustableClock StampClock { get; } = new();

        protected override void ConfigureMore(IWebHostBuilder builder) =>
            builder.ConfigureServices(services =>
                services.Configure<SecurityStampValidatorOptions>(o => o.TimeProvider = StampClock));
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task ChangeStampAsync(string email)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.True((await users.UpdateSecurityStampAsync(user!)).Succeeded);
    }

    [Fact]
    public async Task A_changed_stamp_ends_the_session_once_the_cookie_is_due_for_its_check_and_not_before()
    {
        var changed = await NewProducerAsync(site);
        var unchanged = await NewProducerAsync(site);
        var changedClient = await SignInAsync(site, changed);
        var unchangedClient = await SignInAsync(site, unchanged);

        await ChangeStampAsync(changed.Email);
        // Younger than the interval: not checked, as Identity would not check it either.
        Assert.Equal(HttpStatusCode.OK, (await changedClient.GetAsync("/Producer", Token)).StatusCode);

        site.StampClock.Advance(new SecurityStampValidatorOptions().ValidationInterval + TimeSpan.FromMinutes(1));
        var due = await changedClient.GetAsync("/Producer", Token);

        Assert.Equal(HttpStatusCode.Redirect, due.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", due.Headers.Location!.PathAndQuery);
        // Due as well, but its stamp is the account's: checked, and still signed in.
        Assert.Equal(HttpStatusCode.OK, (await unchangedClient.GetAsync("/Producer", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await unchangedClient.GetAsync("/Producer", Token)).StatusCode);
    }
}
