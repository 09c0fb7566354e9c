using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Infrastructure.Identity;
using Marketplace.Web.Hosting;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Web.Tests.BookingPages.BookingPagesSite;

namespace Marketplace.Web.Tests.Accounts;

/// <summary>
/// Issue 18: two-factor sign-in (authenticator app, recovery codes), the staff areas that need it,
/// changing password and e-mail, and sessions that end when they should — all through the real forms.
/// </summary>
public partial class AccountSelfServiceTests(AccountSelfServiceTests.AccountSite site)
    : IClassFixture<AccountSelfServiceTests.AccountSite>
{
    /// <summary>The site with a configured base address and the clock of the stamp check in the test's hand.</summary>
    public sealed class AccountSite : MarketplaceFactory
    {
        public const string BaseUrl = "https://ferias.example.pe";

        public AdjustableClock StampClock { get; } = new();

        protected override void ConfigureMore(IWebHostBuilder builder)
        {
            builder.UseSetting("Site:BaseUrl", BaseUrl);
            builder.ConfigureServices(services =>
                services.Configure<SecurityStampValidatorOptions>(o => o.TimeProvider = StampClock));
        }
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Past the stamp check's interval (one minute): every cookie is checked at its next request.</summary>
    private void LetTheStampCheckComeDue() => site.StampClock.Advance(TimeSpan.FromMinutes(2));

    private static string Target(HttpResponseMessage response) => response.Headers.Location!.OriginalString;

    /// <summary>Enrols through EnableAuthenticator with the key the page shows; returns it and the recovery codes.</summary>
    private static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/Identity/Account/Manage/EnableAuthenticator", Token);
        Assert.Contains("<svg", page);
        var key = SharedKey().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        Assert.Matches("^[A-Z2-7]{32}$", key);

        var enabled = await Forms.PostAsync(client, "/Identity/Account/Manage/EnableAuthenticator",
            new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        Assert.StartsWith("/Identity/Account/Manage/ShowRecoveryCodes", Target(enabled));
        var codes = await client.GetStringAsync(Target(enabled), Token);
        var recovery = RecoveryCode().Matches(codes).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, recovery.Count);
        return (key, recovery);
    }

    /// <summary>The password step of a sign-in, which must lead to the two-factor step.</summary>
    private async Task<(HttpClient Client, string Next)> PasswordStepAsync(string email, string password)
    {
        var client = site.CreateBrowserClient();
        var response = await Forms.PostAsync(client, "/Identity/Account/Login?ReturnUrl=%2FProducer", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.RememberMe"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/LoginWith2fa", Target(response));
        Assert.Contains("RememberMe=True", Target(response), StringComparison.OrdinalIgnoreCase);
        return (client, Target(response));
    }

    private async Task<AppUser> UserAsync(string email)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return (await users.FindByEmailAsync(email))!;
    }

    [Fact]
    public async Task A_producer_enrols_an_authenticator_then_signs_in_with_its_code_and_wrong_codes_count_toward_lockout()
    {
        var producer = await NewProducerAsync(site);
        var (key, _) = await EnrolAsync(await SignInAsync(site, producer));
        Assert.True((await UserAsync(producer.Email)).TwoFactorEnabled);

        var (client, next) = await PasswordStepAsync(producer.Email, Password);
        // The password alone opens nothing.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Producer", Token)).StatusCode);

        var wrongCode = Totp.Code(key) == "000000" ? "111111" : "000000";
        var wrong = await Forms.PostAsync(client, next, new Dictionary<string, string> { ["Input.TwoFactorCode"] = wrongCode });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Input_TwoFactorCode-error", await wrong.Content.ReadAsStringAsync(Token));
        Assert.Equal(1, (await UserAsync(producer.Email)).AccessFailedCount);

        var right = await Forms.PostAsync(client, next, new Dictionary<string, string>
        {
            ["Input.TwoFactorCode"] = Totp.Code(key),
            ["Input.RememberMachine"] = "false",
        });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/Producer", Target(right));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Producer", Token)).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var producer = await NewProducerAsync(site);
        var (_, codes) = await EnrolAsync(await SignInAsync(site, producer));

        var (first, _) = await PasswordStepAsync(producer.Email, Password);
        var used = await Forms.PostAsync(first, "/Identity/Account/LoginWithRecoveryCode?returnUrl=%2FProducer",
            new Dictionary<string, string> { ["Input.RecoveryCode"] = codes[0] });
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal("/Producer", Target(used));
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/Producer", Token)).StatusCode);

        var (second, _) = await PasswordStepAsync(producer.Email, Password);
        var again = await Forms.PostAsync(second, "/Identity/Account/LoginWithRecoveryCode",
            new Dictionary<string, string> { ["Input.RecoveryCode"] = codes[0] });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Input_RecoveryCode-error", await again.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/Producer", Token)).StatusCode);
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.Equal(9, await users.CountRecoveryCodesAsync((await users.FindByEmailAsync(producer.Email))!));
    }

    [Fact]
    public async Task Staff_without_two_factor_are_sent_to_set_it_up_and_the_admin_list_names_them_until_they_do()
    {
        var email = $"personal.{Guid.NewGuid():N}@example.org";
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Staff)).Succeeded);
        }
        var staff = site.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(staff, email, Password)).StatusCode);

        foreach (var path in new[] { "/Staff", "/Staff/Venues" })
        {
            var refused = await staff.GetAsync(path, Token);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Equal(TwoFactorRequirement.EnrolmentPath, Target(refused));
        }
        var why = await staff.GetStringAsync(TwoFactorRequirement.EnrolmentPath, Token);
        Assert.Contains("role=\"alert\"", why);

        var admin = site.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(admin, "admin@demo.local", MarketplaceFactory.DemoPassword)).StatusCode);
        var list = await admin.GetStringAsync("/Admin/Staff", Token);
        Assert.Contains(email, WithoutTwoFactorList().Match(list).Value);
        Assert.DoesNotContain("staff@demo.local", WithoutTwoFactorList().Match(list).Value);

        await EnrolAsync(staff);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/Staff", Token)).StatusCode);
        Assert.DoesNotContain(email, await admin.GetStringAsync("/Admin/Staff", Token));
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_this_one()
    {
        var producer = await NewProducerAsync(site);
        var here = await SignInAsync(site, producer);
        var elsewhere = await SignInAsync(site, producer);

        var changed = await Forms.PostAsync(here, "/Identity/Account/Manage/ChangePassword", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = Password,
            ["Input.NewPassword"] = "Oca-Morada-2027",
            ["Input.ConfirmPassword"] = "Oca-Morada-2027",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        LetTheStampCheckComeDue();
        var ended = await elsewhere.GetAsync("/Producer", Token);
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", ended.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/Producer", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(site.CreateBrowserClient(), producer.Email, "Oca-Morada-2027")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_current_password_is_a_field_error_and_changes_nothing()
    {
        var producer = await NewProducerAsync(site);
        var client = await SignInAsync(site, producer);
        var stamp = (await UserAsync(producer.Email)).SecurityStamp;

        var refused = await Forms.PostAsync(client, "/Identity/Account/Manage/ChangePassword", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = "not-my-password",
            ["Input.NewPassword"] = "Oca-Morada-2027",
            ["Input.ConfirmPassword"] = "Oca-Morada-2027",
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Input_OldPassword-error", await refused.Content.ReadAsStringAsync(Token));
        Assert.Equal(stamp, (await UserAsync(producer.Email)).SecurityStamp);
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_every_session()
    {
        var producer = await NewProducerAsync(site);
        var here = await SignInAsync(site, producer);
        var elsewhere = await SignInAsync(site, producer);

        var response = await Forms.PostAsync(here, "/Identity/Account/Manage", new Dictionary<string, string>(),
            "/Identity/Account/Manage?handler=SignOutEverywhere");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await here.GetAsync("/Producer", Token)).StatusCode);

        LetTheStampCheckComeDue();
        var ended = await elsewhere.GetAsync("/Producer", Token);
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", ended.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_new_email_is_used_only_once_its_link_is_followed_and_the_old_address_is_told()
    {
        var producer = await NewProducerAsync(site);
        var client = await SignInAsync(site, producer);
        var newEmail = $"nueva.{Guid.NewGuid():N}@example.org";

        var asked = await Forms.PostAsync(client, "/Identity/Account/Manage/Email",
            new Dictionary<string, string> { ["Input.NewEmail"] = newEmail });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal(producer.Email, (await UserAsync(producer.Email))?.Email);

        var mail = await site.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .SingleAsync(m => m.ToAddress == newEmail && m.Kind == "change-email", Token));
        var link = Regex.Match(mail.TextBody, @"\S+/Identity/Account/ConfirmEmailChange\?\S+").Value;
        Assert.StartsWith(AccountSite.BaseUrl + "/Identity/Account/ConfirmEmailChange?", link);

        var tampered = await client.GetStringAsync(new Uri(link).PathAndQuery.Replace("email=", "email=x", StringComparison.Ordinal), Token);
        Assert.Contains("role=\"alert\"", tampered);
        Assert.Equal(producer.Email, (await UserAsync(producer.Email))?.Email);

        var followed = await client.GetAsync(new Uri(link).PathAndQuery, Token);
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        Assert.Contains("role=\"status\"", await followed.Content.ReadAsStringAsync(Token));
        var moved = await UserAsync(newEmail);
        Assert.NotNull(moved);
        Assert.Equal(newEmail, moved.UserName);
        Assert.True(moved.EmailConfirmed);
        Assert.True(await site.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.ToAddress == producer.Email && m.Kind == "email-changed", Token)));

        // This session stays; the new address signs in, the old one no longer does.
        LetTheStampCheckComeDue();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Producer", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.SignInAsync(site.CreateBrowserClient(), newEmail, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Forms.SignInAsync(site.CreateBrowserClient(), producer.Email, Password)).StatusCode);
        // A link followed twice changes nothing more.
        Assert.Contains("role=\"alert\"", await client.GetStringAsync(new Uri(link).PathAndQuery, Token));
    }

    [Fact]
    public async Task A_deleted_accounts_old_cookie_never_meets_a_server_error()
    {
        var producer = await NewProducerAsync(site);
        var deleting = await SignInAsync(site, producer);
        var elsewhere = await SignInAsync(site, producer);

        var deleted = await Forms.PostAsync(deleting, "/Producer/MyData", new Dictionary<string, string> { ["Password"] = Password },
            "/Producer/MyData?handler=Delete");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);

        string[] pages =
        [
            "/", "/Fairs", "/Producer", "/Producer/Profile", "/Producer/Certifications", "/Producer/MyData",
            "/Producer/MyData?handler=Download", "/Identity/Account/Manage", "/Identity/Account/Manage/ChangePassword",
            "/Identity/Account/Manage/Email", "/Identity/Account/Manage/TwoFactorAuthentication",
            "/Identity/Account/Manage/EnableAuthenticator", "/Culture?culture=en&returnUrl=%2F",
        ];
        // Before the stamp check is due (the cookie is still read as it was) and after (the check runs).
        foreach (var due in new[] { false, true })
        {
            if (due)
            {
                LetTheStampCheckComeDue();
            }
            foreach (var path in pages)
            {
                var response = await elsewhere.GetAsync(path, Token);
                Assert.True((int)response.StatusCode < 500, $"{path} (check due: {due}) answered {(int)response.StatusCode}");
            }
        }
        var producerArea = await elsewhere.GetAsync("/Producer", Token);
        Assert.Equal(HttpStatusCode.Redirect, producerArea.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", producerArea.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("es", "Verificación en dos pasos")]
    [InlineData("pt-BR", "Verificação em duas etapas")]
    [InlineData("en", "Two-step verification")]
    public async Task The_account_pages_speak_each_language(string culture, string heading)
    {
        var producer = await NewProducerAsync(site);
        var client = await SignInAsync(site, producer);
        foreach (var page in new[] { "Index", "ChangePassword", "Email", "TwoFactorAuthentication", "EnableAuthenticator" })
        {
            var html = await client.GetStringAsync($"/Identity/Account/Manage/{page}?culture={culture}", Token);
            Assert.Contains($"<html lang=\"{culture}\"", html);
            // Every field has its label.
            foreach (Match input in Regex.Matches(html, "<input [^>]*id=\"(Input_[^\"]+)\""))
            {
                Assert.Contains($"for=\"{input.Groups[1].Value}\"", html);
            }
        }
        Assert.Contains(heading, await client.GetStringAsync($"/Identity/Account/Manage/TwoFactorAuthentication?culture={culture}", Token));
    }

    [GeneratedRegex("<kbd id=\"shared-key\">([^<]+)</kbd>")]
    private static partial Regex SharedKey();

    [GeneratedRegex("<li><kbd>([^<]+)</kbd></li>")]
    private static partial Regex RecoveryCode();

    [GeneratedRegex("<ul id=\"without-two-factor\">.*?</ul>", RegexOptions.Singleline)]
    private static partial Regex WithoutTwoFactorList();
}
