// Browser code of the shop. Deliberately leaky: see ../README.md.
export async function signIn(username, password) {
  const res = await fetch("/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  const { idToken, accessToken, refreshToken } = await res.json();
  localStorage.setItem("accessToken", accessToken);      // readable by any script on the page
  localStorage.setItem("refreshToken", refreshToken);
  document.cookie = `id_token=${idToken}; path=/`;        // a cookie set from script is never HttpOnly
  localStorage.setItem("theme", "dark");                  // fine: not a token
}
