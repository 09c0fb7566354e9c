using Marketplace.Infrastructure.Identity;
using Marketplace.Web.Commands;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests;

public class CreateAdminCommandTests(MarketplaceFactory site) : IClassFixture<MarketplaceFactory>
{
    [Fact]
    public async Task Create_admin_makes_a_confirmed_administrator_with_the_password_from_standard_input()
    {
        var email = $"jefa.{Guid.NewGuid():N}@example.org";
        var output = new StringWriter();

        var exit = await CreateAdminCommand.RunAsync(site.Services, [CreateAdminCommand.Name, email],
            new StringReader("Alcaldia-2026\n"), output);

        Assert.Equal(0, exit);
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        Assert.True(user.EmailConfirmed);
        Assert.True(await users.IsInRoleAsync(user, Roles.Admin));
        Assert.True(await users.CheckPasswordAsync(user, "Alcaldia-2026"));
    }

    [Fact]
    public async Task Create_admin_refuses_a_weak_password_and_creates_nothing()
    {
        var email = $"debil.{Guid.NewGuid():N}@example.org";
        var output = new StringWriter();

        var exit = await CreateAdminCommand.RunAsync(site.Services, [CreateAdminCommand.Name, email],
            new StringReader("123\n"), output);

        Assert.Equal(1, exit);
        Assert.Contains("Could not create the administrator", output.ToString());
        await using var scope = site.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email));
    }

    [Fact]
    public async Task Create_admin_without_an_address_prints_its_usage()
    {
        var output = new StringWriter();
        var exit = await CreateAdminCommand.RunAsync(site.Services, [CreateAdminCommand.Name], new StringReader(""), output);

        Assert.Equal(2, exit);
        Assert.Contains("usage", output.ToString());
    }
}
