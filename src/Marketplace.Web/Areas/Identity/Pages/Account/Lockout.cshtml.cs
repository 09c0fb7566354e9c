using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Areas.Identity.Pages.Account;

/// <summary>Shown after too many failed sign-ins with one address from one client; says nothing of whether it has an account.</summary>
public class LockoutModel(IOptions<IdentityOptions> options) : PageModel
{
    public int Minutes { get; } = (int)Math.Ceiling(options.Value.Lockout.DefaultLockoutTimeSpan.TotalMinutes);

    public void OnGet()
    {
    }
}
