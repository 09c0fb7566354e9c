using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Infrastructure.Identity;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Marketplace.Web.Tests.Staff.StaffScenario;

namespace Marketplace.Web.Tests.Staff;

/// <summary>
/// Staff register producers who have no e-mail, only within their own municipalities, and can
/// later add an address: the producer is invited to choose a password and takes over the account.
/// </summary>
public partial class AssistedRegistrationTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/Staff")]
    [InlineData("/Staff/Producers")]
    [InlineData("/Staff/Producers/Create")]
    [InlineData("/Staff/PhoneList")]
    [InlineData("/Staff/Applications")]
    public async Task Staff_pages_send_an_anonymous_visitor_to_sign_in_and_deny_a_producer(string path)
    {
        var anonymous = await site.CreateBrowserClient().GetAsync(path, Token);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", Target(anonymous));

        var producer = await (await SignedInAsync(site, "producer@demo.local")).GetAsync(path, Token);
        Assert.True(producer.StatusCode is HttpStatusCode.Forbidden
            || (producer.StatusCode == HttpStatusCode.Redirect && Target(producer).StartsWith("/Identity/Account/AccessDenied", StringComparison.Ordinal)),
            $"got {(int)producer.StatusCode}");
    }

    [Fact]
    public async Task The_staff_home_links_every_task()
    {
        var client = await SignedInAsync(site, HuancavelicaStaff);

        var body = await client.GetStringAsync("/Staff", Token);

        Assert.Contains("href=\"/Staff/Producers\"", body);
        Assert.Contains("href=\"/Staff/PhoneList\"", body);
        Assert.Contains("href=\"/Staff/Applications\"", body);
        Assert.Contains("href=\"/Staff/Certifications\"", body);
        Assert.Contains("Huancavelica", body);
    }

    [Fact]
    public async Task Staff_register_a_producer_without_email_as_an_assisted_producer()
    {
        var client = await SignedInAsync(site, HuancavelicaStaff);
        var municipalityId = await MunicipalityIdAsync(site, Huancavelica);
        var name = $"Familia Ccora {Guid.NewGuid():N}"[..28];

        var response = await RegisterAsync(client, name, municipalityId, nationalId: "4156-7890");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = ProducerId(response);
        var producer = await site.WithDbAsync(db => db.Producers.AsNoTracking().SingleAsync(p => p.Id == id, Token));
        Assert.True(producer.IsAssisted);
        Assert.Null(producer.UserId);
        Assert.Equal(name, producer.DisplayName);
        Assert.Equal("41567890", producer.NationalId);
        Assert.Equal("Chopcca", producer.Community);
        Assert.Equal(municipalityId, producer.MunicipalityId);

        var details = await client.GetStringAsync(Target(response), Token);
        Assert.Contains(name, details);
        Assert.Contains("role=\"status\"", details);
        var list = await client.GetStringAsync("/Staff/Producers", Token);
        Assert.Contains($"href=\"/Staff/Producers/{id}\"", list);
    }

    [Fact]
    public async Task Staff_of_another_municipality_neither_see_nor_invite_the_producer()
    {
        var huancavelica = await SignedInAsync(site, HuancavelicaStaff);
        var name = $"Asociación Qori {Guid.NewGuid():N}"[..30];
        var created = await RegisterAsync(huancavelica, name, await MunicipalityIdAsync(site, Huancavelica), "12345678");
        var id = ProducerId(created);
        var parana = await SignedInAsync(site, ParanaStaff);

        var details = await parana.GetAsync($"/Staff/Producers/{id}", Token);
        var list = await parana.GetStringAsync("/Staff/Producers", Token);
        var invite = await Forms.PostAsync(parana, "/Staff/Producers", new Dictionary<string, string> { ["Email"] = "x@example.org" },
            $"/Staff/Producers/{id}?handler=Invite");

        Assert.Equal(HttpStatusCode.NotFound, details.StatusCode);
        Assert.DoesNotContain(name, list);
        Assert.Equal(HttpStatusCode.NotFound, invite.StatusCode);
        Assert.Null(await site.WithDbAsync(db => db.Producers.Where(p => p.Id == id).Select(p => p.UserId).SingleAsync(Token)));
    }

    [Fact]
    public async Task A_producer_can_not_be_registered_in_a_municipality_outside_the_staff_scope()
    {
        var client = await SignedInAsync(site, HuancavelicaStaff);
        var name = $"Fuera de alcance {Guid.NewGuid():N}";

        var response = await RegisterAsync(client, name, await MunicipalityIdAsync(site, Parana), "12345678");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.Matches("id=\"Input_MunicipalityId-error\"[^>]*>[^<]+<", body);
        Assert.False(await site.WithDbAsync(db => db.Producers.AnyAsync(p => p.DisplayName == name, Token)));
    }

    [Theory]
    [InlineData("1234567")]
    [InlineData("123456789012")]
    [InlineData("12AB5678")]
    [InlineData("")]
    public async Task A_national_id_that_is_not_8_to_11_digits_is_a_field_error(string nationalId)
    {
        var client = await SignedInAsync(site, HuancavelicaStaff);
        var name = $"Documento malo {Guid.NewGuid():N}";

        var response = await RegisterAsync(client, name, await MunicipalityIdAsync(site, Huancavelica), nationalId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.Matches("id=\"Input_NationalId-error\"[^>]*>[^<]+<", body);
        Assert.Contains("aria-invalid=\"true\"", body);
        Assert.False(await site.WithDbAsync(db => db.Producers.AnyAsync(p => p.DisplayName == name, Token)));
    }

    [Fact]
    public async Task Adding_an_email_invites_the_producer_whose_link_sets_the_password_and_lets_it_sign_in()
    {
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var created = await RegisterAsync(staff, $"Warmi Sumaq {Guid.NewGuid():N}"[..24],
            await MunicipalityIdAsync(site, Huancavelica), "87654321");
        var id = ProducerId(created);
        var email = $"invitada.{Guid.NewGuid():N}@example.org";

        var invite = await Forms.PostAsync(staff, $"/Staff/Producers/{id}", new Dictionary<string, string> { ["Email"] = email },
            $"/Staff/Producers/{id}?handler=Invite");

        Assert.Equal(HttpStatusCode.Redirect, invite.StatusCode);
        var userId = await site.WithDbAsync(db => db.Producers.Where(p => p.Id == id).Select(p => p.UserId).SingleAsync(Token));
        Assert.NotNull(userId);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByIdAsync(userId);
            Assert.Equal(email, user!.Email);
            Assert.True(await users.IsInRoleAsync(user, Roles.Producer));
            Assert.False(await users.HasPasswordAsync(user));
        }
        var message = await site.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .SingleAsync(m => m.ToAddress == email && m.Kind == "invitation", Token));
        var link = InvitationLink().Match(message.TextBody);
        Assert.True(link.Success, message.TextBody);
        Assert.Contains("/Identity/Account/ResetPassword?code=", message.HtmlBody);
        var details = await staff.GetStringAsync($"/Staff/Producers/{id}", Token);
        Assert.Contains(email, details);

        // Nobody can sign in before the password is chosen.
        var early = await Forms.SignInAsync(site.CreateBrowserClient(), email, MarketplaceFactory.DemoPassword);
        Assert.False(early.StatusCode == HttpStatusCode.Redirect && Target(early) == "/");

        var producer = site.CreateBrowserClient();
        var path = new Uri(link.Value).PathAndQuery;
        var code = WebUtility.UrlDecode(Regex.Match(path, "code=([^&]+)").Groups[1].Value);
        const string password = "Papa-Nativa-2026";
        var reset = await Forms.PostAsync(producer, path, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
            ["Input.Code"] = code,
        });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Contains("ResetPasswordConfirmation", Target(reset));

        var signedIn = await SignedInAsync(site, email, password);
        var area = await signedIn.GetAsync("/Producer/Series", Token);
        Assert.Equal(HttpStatusCode.OK, area.StatusCode);
        // The account is the producer's: its area lists the series of its region.
        Assert.Contains("Feria Ecológica Itinerante de Huancavelica", await area.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task An_address_that_already_has_an_account_is_a_field_error()
    {
        var staff = await SignedInAsync(site, HuancavelicaStaff);
        var created = await RegisterAsync(staff, $"Yauli {Guid.NewGuid():N}"[..18],
            await MunicipalityIdAsync(site, Huancavelica), "11223344");
        var id = ProducerId(created);

        var invite = await Forms.PostAsync(staff, $"/Staff/Producers/{id}",
            new Dictionary<string, string> { ["Email"] = "producer@demo.local" }, $"/Staff/Producers/{id}?handler=Invite");

        Assert.Equal(HttpStatusCode.OK, invite.StatusCode);
        Assert.Matches("id=\"Email-error\"[^>]*>[^<]+<", await invite.Content.ReadAsStringAsync(Token));
        Assert.Null(await site.WithDbAsync(db => db.Producers.Where(p => p.Id == id).Select(p => p.UserId).SingleAsync(Token)));
    }

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string name, int municipalityId,
        string nationalId) =>
        Forms.PostAsync(client, "/Staff/Producers/Create", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = name,
            ["Input.OrganizationType"] = "Family",
            ["Input.Community"] = "Chopcca",
            ["Input.MunicipalityId"] = municipalityId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.NationalId"] = nationalId,
            ["Input.Phone"] = "+51 964 555 123",
        });

    private static int ProducerId(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var match = Regex.Match(Target(response), "^/Staff/Producers/([0-9]+)$");
        Assert.True(match.Success, Target(response));
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"https?://\S+/Identity/Account/ResetPassword\?code=\S+")]
    private static partial Regex InvitationLink();
}
