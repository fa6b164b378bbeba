// The route table. Signed-out screens stand alone; everything else lives
// inside the signed-in area, which holds the live connection. Settings and
// the admin area are loaded only when opened.
import { Route, Router } from '@solidjs/router';
import { ErrorBoundary, lazy } from 'solid-js';
import ForgotPasswordPage from '../auth/forgot-password-page';
import LoginPage from '../auth/login-page';
import ResetPasswordPage from '../auth/reset-password-page';
import SignUpPage from '../auth/signup-page';
import HomePage from '../feed/home-page';
import TagPage from '../feed/tag-page';
import FriendsPage from '../friends/friends-page';
import NotificationsPage from '../notifications/notifications-page';
import PostPage from '../posts/post-page';
import ProfilePage from '../profiles/profile-page';
import { CrashScreen } from './crash-screen';
import { NotFoundPage } from './not-found-page';
import { SignedInArea } from './signed-in-area';

const SettingsPage = lazy(() => import('../settings/settings-page'));
const AdminPage = lazy(() => import('../admin/admin-page'));

export function App() {
  return (
    <ErrorBoundary fallback={(error) => <CrashScreen error={error} />}>
      <Router>
        <Route path="/login" component={LoginPage} />
        <Route path="/signup" component={SignUpPage} />
        <Route path="/forgot-password" component={ForgotPasswordPage} />
        <Route path="/reset-password" component={ResetPasswordPage} />
        <Route path="/" component={SignedInArea}>
          <Route path="/" component={HomePage} />
          <Route path="/post/:id" component={PostPage} />
          <Route path="/u/:username" component={ProfilePage} />
          <Route path="/tag/:tag" component={TagPage} />
          <Route path="/friends" component={FriendsPage} />
          <Route path="/notifications" component={NotificationsPage} />
          <Route path="/settings" component={SettingsPage} />
          <Route path="/admin" component={AdminPage} />
          <Route path="*" component={NotFoundPage} />
        </Route>
      </Router>
    </ErrorBoundary>
  );
}
