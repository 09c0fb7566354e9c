using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Infrastructure.Identity;
using Marketplace.Web.Areas.Identity;
using Marketplace.Web.Areas.Identity.Pages.Account;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Marketplace.Web.Tests;

/// <summary>Sign-up, e-mail confirmation, sign-in and lockout through the real forms.</summary>
public partial class AccountTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private const string Password = "Quinua-Roja-77";

    private static Dictionary<string, string> Registration(string email) => new()
    {
        ["Input.Email"] = email,
        ["Input.Password"] = Password,
        ["Input.ConfirmPassword"] = Password,
    };

    [Fact]
    public async Task Signing_up_makes_a_producer_who_must_confirm_the_email_before_signing_in()
    {
        var email = $"familia.{Guid.NewGuid():N}@example.org";
        var client = site.CreateBrowserClient();

        var registered = await Forms.PostAsync(client, "/Identity/Account/Register", Registration(email));
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);

        await using (var scope = site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByEmailAsync(email);
            Assert.NotNull(user);
            Assert.False(user.EmailConfirmed);
            Assert.Equal([Roles.Producer], await users.GetRolesAsync(user));
        }

        var refused = await Forms.SignInAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);

        var message = await site.WaitForMailAsync(email, TestContext.Current.CancellationToken);
        var link = Regex.Match(message.TextBody ?? "", @"https?://\S+/Identity/Account/ConfirmEmail\?\S+").Value;
        Assert.NotEmpty(link);
        // The link confirms, signs the new producer in and goes on to its profile.
        var confirmed = await client.GetAsync(new Uri(link).PathAndQuery, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal("/Producer/Profile", confirmed.Headers.Location!.OriginalString);
        var profile = await client.GetAsync("/Producer/Profile", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Contains("name=\"Input.DisplayName\"", await profile.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        // It serves once: followed again (a forwarded mail, a second tap) it signs nobody in.
        var other = site.CreateBrowserClient();
        var again = await other.GetAsync(new Uri(link).PathAndQuery, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("ya fue usado", await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var denied = await other.GetAsync("/Producer", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/Identity/Account/Login", denied.Headers.Location!.OriginalString);

        var signedIn = await Forms.SignInAsync(site.CreateBrowserClient(), email, Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task Two_taps_on_one_confirmation_link_at_once_sign_in_one_session_only()
    {
        var email = $"dos.{Guid.NewGuid():N}@example.org";
        var registered = await Forms.PostAsync(site.CreateBrowserClient(), "/Identity/Account/Register", Registration(email));
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var message = await site.WaitForMailAsync(email, TestContext.Current.CancellationToken);
        var link = new Uri(Regex.Match(message.TextBody ?? "", @"https?://\S+/Identity/Account/ConfirmEmail\?\S+").Value).PathAndQuery;

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            site.CreateBrowserClient().GetAsync(link, TestContext.Current.CancellationToken)));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Redirect));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Redirect), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
    }

    [Fact]
    public async Task An_expired_confirmation_link_signs_nobody_in_and_one_tap_sends_a_new_one()
    {
        var email = $"tarde.{Guid.NewGuid():N}@example.org";
        var client = site.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(client, "/Identity/Account/Register", Registration(email))).StatusCode);
        var message = await site.WaitForMailAsync(email, TestContext.Current.CancellationToken);
        var link = new Uri(Regex.Match(message.TextBody ?? "", @"https?://\S+/Identity/Account/ConfirmEmail\?\S+").Value).PathAndQuery;
        Assert.Contains("3 horas", message.TextBody);

        // The provider reads its lifespan when it checks a link: as if the three hours had passed.
        var options = site.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConfirmationLinkTokenOptions>>().Value;
        HttpResponseMessage expired;
        try
        {
            options.TokenLifespan = TimeSpan.FromTicks(-TimeSpan.TicksPerMinute);
            expired = await client.GetAsync(link, TestContext.Current.CancellationToken);
        }
        finally
        {
            options.TokenLifespan = ConfirmationLinkTokenOptions.Lifespan;
        }

        Assert.Equal(HttpStatusCode.OK, expired.StatusCode);
        var page = await expired.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("ya venció", page);
        Assert.False(await site.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Producer", TestContext.Current.CancellationToken)).StatusCode);

        var resend = Regex.Match(page, @"action=""([^""]*handler=Resend[^""]*)""").Groups[1].Value.Replace("&amp;", "&");
        Assert.NotEmpty(resend);
        // The form's token from a page without side effects (the link itself would now confirm).
        var sent = await Forms.PostAsync(client, "/Identity/Account/ResendEmailConfirmation", new Dictionary<string, string>(), resend);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(2, await site.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == email && m.Kind == "confirm-email")));
    }

    [Fact]
    public async Task Signing_up_with_a_taken_address_answers_as_a_new_sign_up_and_tells_the_owner()
    {
        var email = $"coop.{Guid.NewGuid():N}@example.org";
        var first = await Forms.PostAsync(site.CreateBrowserClient(), "/Identity/Account/Register", Registration(email));

        var again = await Forms.PostAsync(site.CreateBrowserClient(), "/Identity/Account/Register", Registration(email));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.StatusCode, again.StatusCode);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(1, await site.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == email.ToUpperInvariant())));
        var attempt = await site.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.ToAddress == email && m.Kind == "sign-up-attempt"));
        Assert.Contains("/Identity/Account/Login", attempt.TextBody);
        Assert.Contains("/Identity/Account/ForgotPassword", attempt.TextBody);
    }

    [Fact]
    public async Task Parallel_sign_ups_with_one_address_all_answer_as_new_and_make_one_account()
    {
        var email = $"paralelo.{Guid.NewGuid():N}@example.org";

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Forms.PostAsync(site.CreateBrowserClient(), "/Identity/Account/Register", Registration(email))));

        Assert.All(answers, a =>
        {
            Assert.Equal(HttpStatusCode.Redirect, a.StatusCode);
            Assert.Contains("/Identity/Account/RegisterConfirmation", a.Headers.Location!.OriginalString);
        });
        Assert.Equal(1, await site.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == email.ToUpperInvariant())));
        Assert.Equal(5, await site.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == email && m.Kind == "sign-up-attempt")));
    }

    [Theory]
    [InlineData(null, "/Producer")]
    [InlineData("/Fairs?q=papa", "/Fairs?q=papa")]
    public async Task A_producer_signing_in_lands_in_its_own_area_unless_it_came_from_a_page(string? from, string lands)
    {
        var client = site.CreateBrowserClient();
        var login = from is null ? "/Identity/Account/Login" : $"/Identity/Account/Login?ReturnUrl={Uri.EscapeDataString(from)}";

        var answer = await Forms.PostAsync(client, login, new Dictionary<string, string>
        {
            ["Input.Email"] = "producer@demo.local",
            ["Input.Password"] = MarketplaceFactory.DemoPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal(lands, answer.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_producer_without_a_profile_signing_in_lands_on_its_profile_form()
    {
        var email = await Producers.ProducerScene.NewProducerAccountAsync(site);

        var answer = await Forms.SignInAsync(site.CreateBrowserClient(), email, MarketplaceFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/Producer/Profile", answer.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Forgot_password_answers_unknown_unconfirmed_and_confirmed_addresses_alike_and_as_late()
    {
        var token = TestContext.Current.CancellationToken;
        var confirmed = await CreateAccountAsync("olvido", emailConfirmed: true);
        var unconfirmed = await CreateAccountAsync("sin.confirmar", emailConfirmed: false);
        var unknown = $"nadie.{Guid.NewGuid():N}@example.org";

        var answers = new List<string>();
        foreach (var email in new[] { unknown, unconfirmed, confirmed })
        {
            var client = site.CreateBrowserClient();
            var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = email,
                ["__RequestVerificationToken"] = await Forms.AntiforgeryTokenAsync(client, "/Identity/Account/ForgotPassword"),
            });
            var started = Stopwatch.GetTimestamp();
            var answer = await client.PostAsync("/Identity/Account/ForgotPassword", form, token);
            var took = Stopwatch.GetElapsedTime(started);

            Assert.True(took >= ForgotPasswordModel.AnswerTime, $"{email} answered after {took.TotalMilliseconds} ms");
            var shown = await client.GetAsync(answer.Headers.Location, token);
            var page = TokenValue().Replace(await shown.Content.ReadAsStringAsync(token), "");
            answers.Add($"{(int)answer.StatusCode} {answer.Headers.Location} {await answer.Content.ReadAsStringAsync(token)}\n{page}");
        }

        Assert.Single(answers.Distinct());
        Assert.StartsWith("302 /Identity/Account/ForgotPasswordConfirmation", answers[0]);
        var resets = await site.WithDbAsync(db => db.OutboxMessages.Where(m => m.Kind == "reset-password"
            && (m.ToAddress == unknown || m.ToAddress == unconfirmed || m.ToAddress == confirmed)).Select(m => m.ToAddress).ToListAsync(token));
        Assert.Equal([confirmed], resets);
    }

    [Fact]
    public async Task A_bad_registration_answers_with_field_errors_and_creates_nothing()
    {
        var before = await site.WithDbAsync(db => db.Users.CountAsync());
        var client = site.CreateBrowserClient();

        var response = await Forms.PostAsync(client, "/Identity/Account/Register", new Dictionary<string, string>
        {
            ["Input.Email"] = "not-an-email",
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "different",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("field-error", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(before, await site.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Repeated_failures_lock_that_client_address_out_of_the_account_and_no_other()
    {
        var email = await CreateAccountAsync("lock", emailConfirmed: true);
        var stranger = ClientAt("203.0.113.7");

        for (var i = 0; i < 5; i++)
        {
            var wrong = await Forms.SignInAsync(stranger, email, "wrong-password");
            Assert.NotEqual(HttpStatusCode.InternalServerError, wrong.StatusCode);
        }
        var right = await Forms.SignInAsync(stranger, email, Password);

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Contains("/Identity/Account/Lockout", right.Headers.Location!.OriginalString);
        var cookies = right.Headers.TryGetValues("Set-Cookie", out var set) ? set : [];
        Assert.DoesNotContain(cookies, c => c.StartsWith("mp.auth=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970"));

        var owner = await Forms.SignInAsync(ClientAt("198.51.100.20"), email, Password);
        Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);
        Assert.Equal("/Producer/Profile", owner.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Parallel_wrong_passwords_from_one_address_lock_it_out_and_leave_the_owner_in()
    {
        var email = await CreateAccountAsync("paralelo.lock", emailConfirmed: true);

        var wrong = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            Forms.SignInAsync(ClientAt("203.0.113.8"), email, "wrong-password")));
        var right = await Forms.SignInAsync(ClientAt("203.0.113.8"), email, Password);

        Assert.All(wrong, w => Assert.True((int)w.StatusCode < 500, $"{(int)w.StatusCode}"));
        Assert.Contains("/Identity/Account/Lockout", right.Headers.Location?.OriginalString ?? "");
        var owner = await Forms.SignInAsync(ClientAt("198.51.100.21"), email, Password);
        Assert.Equal("/Producer/Profile", owner.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_unknown_address_hammered_alike_answers_alike_and_ends_on_the_same_lockout_page()
    {
        var known = await CreateAccountAsync("conocida", emailConfirmed: true);
        var unknown = $"desconocida.{Guid.NewGuid():N}@example.org";

        async Task<List<string>> HammerAsync(string email)
        {
            var client = ClientAt("203.0.113.9");
            var answers = new List<string>();
            for (var i = 0; i < 6; i++)
            {
                var answer = await Forms.SignInAsync(client, email, "wrong-password");
                var body = TokenValue().Replace(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), "")
                    .Replace(email, "EMAIL", StringComparison.Ordinal);
                answers.Add($"{(int)answer.StatusCode} {answer.Headers.Location} {body}");
            }
            var lockout = await client.GetStringAsync("/Identity/Account/Lockout", TestContext.Current.CancellationToken);
            answers.Add(TokenValue().Replace(lockout, ""));
            return answers;
        }

        var forKnown = await HammerAsync(known);
        var forUnknown = await HammerAsync(unknown);

        Assert.Equal(forKnown, forUnknown);
        Assert.StartsWith("302 /Identity/Account/Lockout", forKnown[4]);
        Assert.DoesNotContain(known, forKnown[6]);
    }

    /// <summary>A browser at a client address: loopback is a trusted proxy, so X-Forwarded-For names the client.</summary>
    private HttpClient ClientAt(string address)
    {
        var client = site.CreateBrowserClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    [Fact]
    public async Task A_demo_account_signs_in_with_a_redirect()
    {
        var client = site.CreateBrowserClient();
        var response = await Forms.SignInAsync(client, "producer@demo.local", MarketplaceFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("Lockout", response.Headers.Location!.OriginalString);
    }

    private async Task<string> CreateAccountAsync(string name, bool emailConfirmed)
    {
        var email = $"{name}.{Guid.NewGuid():N}@example.org";
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = emailConfirmed };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Producer)).Succeeded);
        return email;
    }

    [GeneratedRegex("value=\"[A-Za-z0-9_-]{40,}\"")]
    private static partial Regex TokenValue();
}
