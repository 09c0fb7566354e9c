using Microsoft.AspNetCore.Identity;

namespace Marketplace.Infrastructure.Identity;

/// <summary>An account: a producer, a staff member or an administrator.</summary>
public class AppUser : IdentityUser
{
    /// <summary>The language the person chose; e-mails are written in it.</summary>
    public string PreferredCulture { get; set; } = "es";
}
