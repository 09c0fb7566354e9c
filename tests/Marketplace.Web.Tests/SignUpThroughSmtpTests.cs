using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests;

/// <summary>The site with its job server running, sending through a real SMTP server.</summary>
public sealed class SmtpSiteWithJobs : IAsyncLifetime
{
    public SmtpServer Smtp { get; private set; } = null!;
    public MailFactory Site { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Smtp = await SmtpServer.StartAsync();
        Site = new MailFactory(Smtp, runJobServer: true);
        _ = Site.Services;
    }

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public class SignUpThroughSmtpTests(SmtpSiteWithJobs fixture) : IClassFixture<SmtpSiteWithJobs>
{
    [Fact]
    public async Task Sign_up_sends_the_confirmation_by_smtp_and_its_link_opens_the_account()
    {
        var email = $"asociacion.{Guid.NewGuid():N}@example.org";
        const string password = "Papa-Nativa-1500";
        var client = fixture.Site.CreateBrowserClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("pt-BR");

        var registered = await Forms.PostAsync(client, "/Identity/Account/Register", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);

        // No sweep by the test: the commit itself queues the send job on the job server.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        MimeKit.MimeMessage? message = null;
        while (message is null && DateTime.UtcNow < deadline)
        {
            message = fixture.Smtp.Messages().SingleOrDefault(m => m.To.Mailboxes.Any(a => a.Address == email));
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        Assert.NotNull(message);
        Assert.Contains("confirme seu e-mail", message.Subject);
        var link = Regex.Match(message.TextBody ?? "", @"https?://\S+/Identity/Account/ConfirmEmail\?\S+").Value;
        Assert.NotEmpty(link);

        var confirmed = await client.GetAsync(new Uri(link).PathAndQuery, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal("/Producer/Profile", confirmed.Headers.Location!.OriginalString);
        var signedIn = await Forms.SignInAsync(fixture.Site.CreateBrowserClient(), email, password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.DoesNotContain("Lockout", signedIn.Headers.Location!.OriginalString);
    }
}
