using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Infrastructure.Identity;
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

        var message = await WaitForMailAsync(email);
        var link = Regex.Match(message.TextBody ?? "", @"https?://\S+/Identity/Account/ConfirmEmail\?\S+").Value;
        Assert.NotEmpty(link);
        var confirmed = await client.GetAsync(new Uri(link).PathAndQuery, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);

        var signedIn = await Forms.SignInAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
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
    public async Task Signing_in_locks_the_account_after_repeated_failures()
    {
        var email = $"lock.{Guid.NewGuid():N}@example.org";
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Producer);
        }
        var client = site.CreateBrowserClient();

        for (var i = 0; i < 5; i++)
        {
            var wrong = await Forms.SignInAsync(client, email, "wrong-password");
            Assert.NotEqual(HttpStatusCode.InternalServerError, wrong.StatusCode);
        }
        var right = await Forms.SignInAsync(client, email, Password);

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Contains("/Identity/Account/Lockout", right.Headers.Location!.OriginalString);
        var cookies = right.Headers.TryGetValues("Set-Cookie", out var set) ? set : [];
        Assert.DoesNotContain(cookies, c => c.StartsWith("mp.auth=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970"));
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

    private async Task<MimeMessage> WaitForMailAsync(string to)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(site.MailDirectory))
            {
                foreach (var file in Directory.EnumerateFiles(site.MailDirectory, "*.eml"))
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (message.To.Mailboxes.Any(m => m.Address == to))
                    {
                        return message;
                    }
                }
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"No e-mail to {to} within 30 s");
    }
}
