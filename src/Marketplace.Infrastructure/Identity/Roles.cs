namespace Marketplace.Infrastructure.Identity;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Staff = "Staff";
    public const string Producer = "Producer";

    public static readonly IReadOnlyList<string> All = [Admin, Staff, Producer];

    /// <summary>The roles whose areas need two-factor sign-in.</summary>
    public static readonly IReadOnlyList<string> RequireTwoFactor = [Admin, Staff];
}
